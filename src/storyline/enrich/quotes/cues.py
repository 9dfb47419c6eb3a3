"""Attribution cue words: verbs of saying, and the wider set of attribution verbs.

General English reporting verbs (lemmas). ``SPEECH`` verbs introduce what someone
said or wrote: they make the quotes a story shows. ``COGNITION`` and ``EVIDENCE``
verbs also attribute content to a source ("X believes that ...", "a poll shows that
...") and count as attributions in corpora such as PolNeAR, but are not quotes.
"""

from __future__ import annotations

SPEECH: frozenset[str] = frozenset({
    "say", "tell", "add", "warn", "claim", "state", "insist", "announce", "note", "explain",
    "argue", "write", "tweet", "ask", "reply", "respond", "declare", "acknowledge", "admit",
    "suggest", "report", "confirm", "deny", "stress", "emphasise", "emphasize", "maintain",
    "contend", "assert", "allege", "predict", "promise", "vow", "pledge", "urge", "recall",
    "conclude", "comment", "remark", "observe", "indicate", "reveal", "disclose", "complain",
    "concede", "caution", "boast", "joke", "quip", "testify", "estimate", "agree", "propose",
    "counter", "mention", "repeat", "reiterate", "signal", "hint", "threaten", "charge",
    "post", "shout", "cry", "recount", "inform", "assure", "remind", "question", "wonder",
    "recommend", "chime", "continue", "blast", "slam", "demand", "proclaim", "retort",
    "whisper", "tout", "lament", "scoff", "muse", "snap", "exclaim",
    "affirm", "brag", "grumble", "mutter", "plead",
    "speculate", "suppose", "tease", "concur", "insinuate", "underline", "underscore",
    "reason", "assess", "interject", "posit", "theorize", "theorise", "elaborate",
    "pronounce", "text", "email", "blog",
})
COGNITION: frozenset[str] = frozenset({
    "believe", "think", "hope", "fear", "expect", "know", "feel", "worry", "doubt",
    "assume", "consider", "realize", "realise", "understand", "suspect", "wish", "want",
    "decide", "imagine", "guess", "reckon", "judge", "recognize", "recognise", "insist",
    "accept", "learn", "hear", "see", "agree", "acknowledge", "determine", "figure",
})
EVIDENCE: frozenset[str] = frozenset({
    "show", "find", "reveal", "suggest", "indicate", "confirm", "conclude", "demonstrate",
    "estimate", "project", "document", "prove", "note", "report", "state",
})
# Verbs whose infinitive complement is reported speech ("claimed to have ...").
XCOMP_SPEECH: frozenset[str] = frozenset({
    "claim", "promise", "vow", "pledge", "threaten", "urge", "ask", "warn", "tell", "deny",
})
# Phrases whose object is the source: "according to X", "X's spokesman ..., citing X".
ACCORDING = ("according",)
PARTICLES = {"point": "out", "chime": "in", "lay": "out", "spell": "out"}
# Pronouns that stand for a speaker and are resolved to an earlier person / group.
PERSON_PRONOUNS = {"he": "male", "she": "female", "him": "male", "her": "female",
                   "i": None, "me": None}
GROUP_PRONOUNS = {"they", "we", "it", "them", "us"}
RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


def cue_lemmas(broad: bool = False) -> frozenset[str]:
    """Speech verbs, or (``broad``) every attribution verb."""
    return SPEECH | COGNITION | EVIDENCE if broad else SPEECH

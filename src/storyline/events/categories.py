"""PLOVER's category rules that depend on tense, polarity and content.

- Cooperative actions reported in the future (``will meet``, ``is ready to send troops``)
  are commitments: AGREE (manual, AGREE; the CAMEO 03x "express intent" rows of the
  CAMEO-to-PLOVER table, which also put intents to yield, release or ease under AGREE).
- Conflictual actions reported in the future, or conditioned ("will withdraw its force
  unless ..."), are threats: THREATEN, its mode the content of the threat (manual:
  THREATEN could be ASSAULT + hypothetical; the single category is returned).
- A stated intention not to cooperate ("will not attend", "is not willing to") is a
  refusal: REJECT.
- REQUEST and REJECT modes (assist / change / yield / meet) and THREATEN modes come from
  the category of the content the act is about.
"""

from __future__ import annotations

COOPERATIVE = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"})
VERBAL = frozenset({"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT",
                    "THREATEN"})
# categories whose clause complement or object is the content of a verbal act, not an event
CONTENT_HEADS = frozenset({"AGREE", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN",
                           "CONCEDE", "INTENT"})


def is_cooperative(category: str) -> bool:
    return category in COOPERATIVE


def future_category(category: str) -> str:
    """The category of an action stated as future or intended."""
    if category in COOPERATIVE:
        return "AGREE"
    if category in ("PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "THREATEN"):
        return "THREATEN"
    return category  # REQUEST / ACCUSE / REJECT announced are still that act


def intent_category(content: str | None, posture: bool = False,
                    clause: bool = False) -> str | None:
    """An intention head ("vowed to", "is ready to"): its content decides; None: not an
    event. ``clause``: the head governs a clause ("ready *to ...*"). ``posture``:
    the head is a preparation ("prepared to resume shelling"), which for violent content
    is a show of force (MOBILIZE, CAMEO 15), not a verbal threat."""
    if content is None:
        # "is ready to contribute ...": a stated commitment to act; "planned a challenge":
        # an intention named by nothing we can code
        return "AGREE" if clause else None
    if content in COOPERATIVE:
        return "AGREE"
    if posture and content in ("ASSAULT", "MOBILIZE"):
        return "MOBILIZE"
    if content == "REQUEST":
        return None  # a planned appeal is not made yet, and threatens no one
    return "THREATEN"  # "vowed to sue", "plans to veto", "vowed to retaliate"


def request_mode(content: str | None, content_mode: str | None = None) -> str | None:
    """REQUEST / REJECT modes by what is asked for or refused."""
    if content is None:
        return None
    if content in ("AID", "COOPERATE", "SUPPORT"):
        return "assist"
    if content in ("RETREAT", "CONCEDE"):
        return "yield"
    if content in ("CONSULT", "AGREE"):
        return "meet"
    return "change"


def threaten_mode(content: str | None, content_mode: str | None = None) -> str | None:
    """THREATEN modes by what is threatened."""
    if content in ("ASSAULT", "MOBILIZE"):
        return "violence"
    if content == "COERCE":
        return {"arrest": "arrest", "deport": "expel", "seize": "territory"}.get(
            content_mode or "", "restrict")
    if content == "PROTEST":
        return "restrict"
    if content == "SANCTION":
        return "expel" if content_mode == "expel" else "relations"
    if content == "REJECT":
        return "relations"
    return None


def mode_for(category: str, own_mode: str | None, content: str | None,
             content_mode: str | None) -> str | None:
    if category in ("REQUEST", "REJECT"):
        return own_mode or request_mode(content, content_mode)
    if category == "THREATEN":
        return own_mode or threaten_mode(content, content_mode)
    if category == "AGREE":
        return None
    return own_mode

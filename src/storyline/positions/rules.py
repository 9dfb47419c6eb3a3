"""Stance rules: negation (PLOVER's: a negated cue flips or drops), a cue whose content
is another cue ("refused to accept", "ready to consider", "demanded that X agree"), and
the stance a wish is ("we want guarantees": a demand; "our aim is to end the war", said
in the first person: an offer)."""

from __future__ import annotations

# a negated cue: its stance, or None when nothing is stated ("did not demand")
NEGATED: dict[str, str | None] = {
    "reject": "consider",  # "did not rule out"
    "accept": "reject",  # "did not accept", "would not agree to"
    "consider": "reject",  # "would not consider"
    "support": "oppose",  # "does not support"
    "oppose": "accept",  # "would not oppose", "agreed not to object"
    "offer": None,  # "did not offer" (an adjective flips: "is not ready to" -> reject)
    "demand": None,
    "condition": None,
}
# outer stances that pass their content's stance through ("ready to consider" -> consider)
TRANSPARENT = {"offer", "accept"}


def negate(stance: str, kind: str) -> str | None:
    """The stance of a negated cue of ``kind`` (verb, adj, noun, disclaim)."""
    if kind == "disclaim":
        return stance  # a disclaimer is a cue only when negated
    if stance == "offer" and kind == "adj":
        return "reject"  # "is not ready to", "is not willing to"
    return NEGATED.get(stance)


def compose(outer: str, inner: str) -> tuple[str, bool]:
    """The stance of ``outer`` whose content is a cue of stance ``inner``, and whether the
    issue must keep the inner verb to say what is meant ("urged X *to reject* Y": the
    demand is a rejection; "refused *to condemn*": not a refusal of the thing condemned)."""
    if outer == "offer":
        # "ready to consider" -> consider; "ready to agree to become neutral" -> an offer
        return (outer if inner in ("demand", "accept") else inner), False
    if outer in TRANSPARENT:
        return (inner if inner != "demand" else outer), False
    if outer == "consider":
        return "consider", inner in ("reject", "oppose")
    if outer == "reject":
        if inner == "reject":
            return "consider", False  # "refused to rule out"
        return "reject", inner in ("support", "oppose", "demand")
    if outer == "demand":
        return "demand", inner in ("reject", "oppose")
    return outer, inner in ("reject", "oppose")

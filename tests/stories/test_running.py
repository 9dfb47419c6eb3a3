"""Running stories: long reports of one story hold together, and undated articles do not
pile into a catch-all story that shares nothing with them but generic words."""

from __future__ import annotations

import dataclasses

from storyline.settings import ClusterSettings
from storyline.stories.engine import Engine, Story
from storyline.stories.features import featurise

CFG = ClusterSettings()

LEAD = ("Floodwater from the Tamsin river swept through Harlow Bay on Monday after the river "
        "burst its banks, and rescue crews in boats moved families from flooded streets. ")


def details(seed: str, n: int) -> str:
    """A long body of details no other article shares (invented names, each said twice, as
    a report repeats the names of its people and places)."""
    s = seed.upper()
    return " ".join(f"The {s}{i}a of the {seed}{i}b was near {s}{i}c, said {s}{i}a."
                    f" It was {seed}{i}b and {s}{i}c." for i in range(n))


def feat(aid: str, text: str, t: float | None, cfg: ClusterSettings = CFG, title: str = ""):
    return featurise(aid, title, text, t, cfg.title_weight, cfg.lead_weight, cfg.lead_words)


def background(e: Engine, t: float | None) -> None:
    topics = ("orchestra symphony concert season composer", "league striker goal season coach",
              "bank interest rate inflation lender", "election ballot candidate campaign voter")
    for n, words in enumerate(topics * 3):
        e.assign(feat(f"bg{n}", f"{words} item{n} thing{n} sort{n}.", t))


def test_two_long_reports_of_one_story_join_however_long_their_bodies():
    e = Engine(CFG)
    background(e, 10.0)
    first = e.assign(feat("a", LEAD + details("x", 120), 10.0))
    second = e.assign(feat("b", LEAD.replace("Monday", "Tuesday") + details("y", 120), 10.5))
    assert second.story_id == first.story_id and second.score is not None

    # the cause: one vector over the whole text (everything counted as lead) spreads a long
    # article's weight over its details, so the same two reports fall under the threshold
    whole = dataclasses.replace(CFG, lead_words=10**6)
    e2 = Engine(whole)
    background(e2, 10.0)
    first2 = e2.assign(feat("a", LEAD + details("x", 120), 10.0, whole))
    second2 = e2.assign(feat("b", LEAD.replace("Monday", "Tuesday") + details("y", 120), 10.5,
                             whole))
    assert second2.story_id != first2.story_id

    # and a short report of the story still joins the long ones
    short = e.assign(feat("c", LEAD, 11.0))
    assert short.story_id == first.story_id


def test_story_cohesion_is_the_mean_member_cosine():
    e = Engine(CFG)
    s = Story("s")
    e.add(s, feat("a", "x", None), {"a": 1.0}, {})
    assert s.cohesion() is None  # one member
    e.add(s, feat("b", "x", None), {"a": 0.6, "b": 0.8}, {})
    e.add(s, feat("c", "x", None), {"c": 1.0}, {})
    # pairs: a-b 0.6, a-c 0, b-c 0 -> mean 0.2
    assert abs((s.cohesion() or 0.0) - 0.2) < 1e-9
    copy = feat("d", "x", None)
    e.add(s, copy, {}, {})  # a copy joins with no vector of its own
    assert s.size == 4 and s.vectors == 3 and abs((s.cohesion() or 0.0) - 0.2) < 1e-9


def test_undated_articles_do_not_pile_into_a_catch_all_story():
    """Articles on different matters that share one of a few generic words ("president",
    "house") score above the threshold with a story that has gathered many of them (its
    centroid is those words) though each shares almost nothing with the others: the
    catch-all grows for ever when nothing but time bounds a story."""
    generic = ("president", "house", "senate", "vote", "court", "budget", "party", "state",
               "law", "bill", "official", "leader")

    def article(i: int) -> dict[str, float]:
        return {generic[i % 12]: 0.4, generic[(5 * i + 3) % 12]: 0.4, f"matter{i}": 0.82}

    sizes = {}
    for name, cfg in (("gate", CFG), ("no gate", dataclasses.replace(CFG, min_cohesion=0.0))):
        e = Engine(cfg)
        story = Story("catch-all")
        for i in range(8):  # how it started: a few articles, then members joined by drift
            e.add(story, feat(f"seed{i}", "x", None), article(i), {})
        for i in range(8, 60):
            if e.similarity(story, article(i), {}, None) >= e.threshold:
                e.add(story, feat(f"a{i}", "x", None), article(i), {})
        sizes[name] = story.size
    assert sizes["no gate"] >= 40  # the cause: generic articles keep joining
    assert sizes["gate"] == 8  # its members' mean cosine is under the floor: it takes none


def test_the_gate_leaves_dated_articles_and_coherent_stories_alone():
    e = Engine(CFG)
    s = Story("s")
    for i in range(6):  # members that share nothing: cohesion 0
        e.add(s, feat(f"m{i}", "x", 5.0), {f"w{i}": 1.0}, {})
    assert (s.cohesion() or 0.0) < CFG.min_cohesion
    probe = {"w0": 0.8, "w1": 0.6}
    assert e.similarity(s, probe, {}, None) == 0.0  # undated: the story has lost its thread
    assert e.similarity(s, probe, {}, 5.0) > 0.0  # dated: time keeps stories apart
    tight = Story("t")
    for i in range(6):  # a story told in the same words
        e.add(tight, feat(f"t{i}", "x", None), {"flood": 0.8, "river": 0.6}, {})
    assert e.similarity(tight, {"flood": 1.0}, {}, None) > CFG.threshold
    # no merge leaves a story under the floor
    other = Story("o")
    for i in range(6):
        e.add(other, feat(f"o{i}", "x", 5.0), {f"v{i}": 1.0}, {})
    assert not e._cohesive_union(s, other)
    assert e._cohesive_union(tight, tight)

"""Member links: a grown story is found, and joined, through what its latest members say.

A story's centroid is the sum of its members' vectors; once it holds many reports of several
events, a new report of its latest event shares little with that sum (the centroid is
diluted), and its top terms are those of the earlier events, so the story is not even a
candidate. The fixtures below are invented reports (no benchmark text)."""

from __future__ import annotations

import dataclasses

from storyline.settings import ClusterSettings
from storyline.stories.engine import Engine, Story
from storyline.stories.features import featurise

CFG = ClusterSettings()
OFF = dataclasses.replace(CFG, member_links=0, member_index_terms=0)


def feat(aid: str, text: str, t: float | None, cfg: ClusterSettings = CFG, title: str = ""):
    return featurise(aid, title, text, t, cfg.title_weight, cfg.lead_weight, cfg.lead_words)


# a council story told over many reports: each report shares the council words and adds
# its own matter (a different one each time), so the story's centroid is a broad mix
COUNCIL = "The Marlow county council voted at its meeting on the budget plan, members said. "
MATTERS = [
    "library opening hours reading rooms archive staff books loans",
    "bus routes timetable depot drivers fares passengers",
    "park lighting benches playground fountain gardeners",
    "harbour dredging quay moorings boats fishermen",
    "school meals kitchens pupils menus cooks",
    "road repairs potholes resurfacing lanes contractors",
    "market stalls traders licences square vendors",
    "museum exhibits curators gallery collection visitors",
]

# a report with many specific words (so that it is a "long" vector) and a second report of
# the same event in another outlet's words: most of the details are shared
EVENT = ("The Penhallow ferry crossing is closed after an inspection found corroded "
         "pontoons, rusted chains, a cracked slipway, failed winches and unsafe gangways; ferry operator Tamsin Quayle said skippers, "
         "commuters, cyclists and lorry drivers face detours through Brackwater, Elmstead "
         "and Fennick while engineers survey hull plates, ramps and mooring bollards.")
EVENT2 = ("Commuters, cyclists and lorry drivers face detours through Brackwater, Elmstead "
          "and Fennick now the Penhallow ferry crossing is closed: inspectors found "
          "corroded pontoons, rusted chains, a cracked slipway, failed winches and unsafe gangways, operator Tamsin Quayle said, and engineers "
          "will survey hull plates, ramps and mooring bollards.")


def grown_story(cfg: ClusterSettings, t: float | None) -> tuple[Engine, str]:
    """An engine holding one council story of many reports, the ferry report its latest."""
    e = Engine(cfg)
    for n, other in enumerate(("orchestra symphony concert season composer",
                               "league striker goal season coach",
                               "bank interest rate inflation lender") * 3):
        e.assign(feat(f"bg{n}", f"{other} item{n} thing{n} sort{n}.", t, cfg))
    story = Story("council")
    for n, words in enumerate(MATTERS * 4):  # members added as the engine adds a joiner
        f = feat(f"c{n}", f"{COUNCIL}{words} {words.split()[0]}{n}.", t, cfg)
        tv, ev = e.vectors(f)
        e.add(story, f, tv, ev)
    sid = story.id
    tv, ev = e.vectors(feat("ferry", EVENT, t, cfg))
    e.add(story, feat("ferry", EVENT, t, cfg), tv, ev)  # the story's latest member
    return e, sid


def test_a_second_report_of_a_grown_storys_latest_event_joins_it():
    e, sid = grown_story(CFG, 100.0)
    f = feat("ferry2", EVENT2, 100.0)
    tv, ev = e.vectors(f, learn=False)
    story = e.active[sid]
    assert e.member_link(story, tv) >= CFG.member_threshold
    centroid_only = dataclasses.replace(CFG, member_threshold=2.0)
    # the cause: scored against the diluted centroid alone it falls under the threshold
    assert Engine(centroid_only, e.vocab).similarity(story, tv, ev, 100.0) < CFG.threshold
    assert e.assign(f).story_id == sid

    # the same stream without member links: the second report opens a story of its own
    e2, sid2 = grown_story(OFF, 100.0)
    assert e2.assign(feat("ferry2", EVENT2, 100.0, OFF)).story_id != sid2


def test_a_grown_story_is_a_candidate_through_its_latest_members_terms():
    indexed = dataclasses.replace(CFG, member_index_terms=5)
    e, sid = grown_story(indexed, 100.0)
    story = e.active[sid]
    centroid_keys = sorted(story.centroid, key=lambda k: (-story.centroid[k], k))
    latest = sorted(story.recent[-1], key=lambda k: (-story.recent[-1][k], k))
    added = [k for k in latest[: indexed.member_index_terms]
             if k not in centroid_keys[: indexed.story_index_terms]]
    assert added and all(k in story.keys for k in added)
    tv, ev = e.vectors(feat("ferry2", EVENT2, 100.0, indexed), learn=False)
    assert sid in e.candidates(tv, ev)
    # off (the default), the story is indexed under its centroid's terms only
    e2, sid2 = grown_story(CFG, 100.0)
    assert not any(k in e2.active[sid2].keys for k in added)


def test_a_member_link_passes_the_cohesion_gate_for_undated_articles():
    loose = dataclasses.replace(CFG, min_cohesion=0.99)  # every grown story "has lost its thread"
    e, sid = grown_story(loose, None)
    assert (e.active[sid].cohesion() or 0.0) < loose.min_cohesion
    assert e.assign(feat("ferry2", EVENT2, None, loose)).story_id == sid
    # an undated article with no link to a latest member is still kept out
    e2, sid2 = grown_story(loose, None)
    other = f"{COUNCIL}tram depot overhead wires signals conductors."
    assert e2.assign(feat("tram", other, None, loose)).story_id != sid2


def test_two_short_headlines_never_link():
    e = Engine(CFG)
    a = e.assign(feat("h1", "", None, title="Council votes on ferry budget"))
    story = e.active[a.story_id]
    tv, _ = e.vectors(feat("h2", "", None, title="Council votes on school budget"), learn=False)
    assert len(tv) < CFG.member_min_terms
    assert e.member_link(story, tv) == 0.0


def test_latest_members_are_bounded_and_survive_the_stored_state():
    e, sid = grown_story(CFG, 100.0)
    story = e.active[sid]
    assert len(story.recent) == CFG.member_links
    back = Story.from_state(sid, story.to_state())
    assert back.recent == story.recent
    tv, _ = e.vectors(feat("ferry2", EVENT2, 100.0), learn=False)
    assert e.member_link(back, tv) == e.member_link(story, tv) > 0

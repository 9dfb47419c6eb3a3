"""The cited extractive brief on a small invented story: three outlets and a wire copy."""

from __future__ import annotations

import math
import random
from dataclasses import replace

from storyline.brief.summarize import BriefArticle, budget, summarize
from storyline.records import BriefSentence
from storyline.settings import BriefSettings

GAZETTE = BriefArticle(
    id="gazette-1", source="Brenmoor Gazette", published="2031-05-12",
    title="Harbour Bridge to close for six weeks for cable repairs",
    sentences=(
        (0, "BRENMOOR (Gazette) - The Harbour Bridge will close to all traffic for six weeks from "
            "Monday so that engineers can replace corroded suspension cables, the city transport "
            "office said on Friday."),
        (1, "Around 40,000 vehicles cross the bridge every day, according to the office."),
        (2, "Why would the city close its busiest crossing in the summer?"),
        (3, "\"We had no choice."),
        (4, "The cables could not wait another winter,\" said transport director Ilse Varga."),
        (5, "Sign up for our morning newsletter to get the latest news from the harbour."),
        (6, "Shop owners on Quay Street fear a drop in trade while the bridge is shut."),
    ),
)
COASTLINE = BriefArticle(
    id="coastline-1", source="Coastline Daily", published="2031-05-12",
    title="Brenmoor's Harbour Bridge shuts for six weeks",
    sentences=(
        (0, "The Harbour Bridge in Brenmoor will be closed to all traffic for six weeks starting "
            "Monday while engineers replace corroded suspension cables, the city transport office "
            "announced on Friday."),
        (1, "Ferries between the north and south quays will run every 15 minutes while the bridge "
            "is closed."),
        (2, "By Tomas Reyes and Ana Duarte"),
        (3, "But local businesses say they were not consulted about the timing."),
    ),
)
NORTHFIELD = BriefArticle(
    id="northfield-1", source="Northfield Times", published="2031-05-13",
    title="Bridge works: shop owners on Quay Street count the cost",
    sentences=(
        (0, "Shop owners on Brenmoor's Quay Street say the six-week closure of the Harbour Bridge "
            "could cost them a third of their summer trade."),
        (1, "The council has offered a rates holiday to 120 businesses near the bridge."),
        (2, "He said the council would review the plan in June."),
    ),
)
WIRE_COPY = replace(GAZETTE, id="wire-copy-1", source="Valley Wire", published="2031-05-13",
                    duplicate_of="gazette-1")
STORY = [GAZETTE, COASTLINE, NORTHFIELD, WIRE_COPY]
BY_ID = {a.id: a for a in STORY}


def sentence_of(b: BriefSentence) -> str:
    a = BY_ID[b.article_id]
    if b.sentence_idx is None:
        return a.title or ""
    return dict(a.sentences)[b.sentence_idx]


def test_every_sentence_is_verbatim_from_an_article_it_cites() -> None:
    brief = summarize(STORY)
    assert brief
    for b in brief:
        assert b.article_id in b.article_ids
        assert b.text in sentence_of(b)
        assert b.sentence_idx is not None


def test_dateline_is_taken_off_and_the_rest_kept_verbatim() -> None:
    brief = summarize([GAZETTE])
    first = brief[0]
    assert first.sentence_idx == 0
    assert first.text.startswith("The Harbour Bridge will close")
    assert first.text in dict(GAZETTE.sentences)[0]


def test_a_fact_stated_by_two_outlets_cites_both_and_its_copy() -> None:
    brief = summarize(STORY)
    closure = [b for b in brief if "six weeks" in b.text and "close" in b.text]
    assert len(closure) == 1
    assert {"gazette-1", "coastline-1", "wire-copy-1"} <= set(closure[0].article_ids)
    # the shop owners' worry is in Gazette (and its copy) and Northfield, not in Coastline
    shops = [b for b in brief if "Shop owners" in b.text]
    assert shops and "coastline-1" not in shops[0].article_ids
    assert {"gazette-1", "northfield-1"} <= set(shops[0].article_ids)


def test_redundant_sentences_are_left_out() -> None:
    brief = summarize(STORY)
    closures = [b for b in brief if "corroded suspension cables" in b.text]
    assert len(closures) == 1  # two outlets and a copy say it; the brief says it once
    texts = [b.text for b in brief]
    assert len(texts) == len(set(texts))


def test_questions_quote_fragments_bylines_furniture_and_dangling_sentences_are_skipped() -> None:
    brief = summarize(STORY, BriefSettings(target_words=400, max_words=600, max_sentences=20))
    texts = " ".join(b.text for b in brief)
    for bad in ("Why would", "no choice", "could not wait", "newsletter", "Tomas Reyes",
                "not consulted", "review the plan"):
        assert bad not in texts


def test_budget_is_respected() -> None:
    for target, top in ((20, 40), (60, 90), (80, 120)):
        cfg = BriefSettings(target_words=target, max_words=top, words_per_news_day=0)
        brief = summarize(STORY, cfg)
        n = sum(len(b.text.split()) for b in brief)
        assert 0 < n <= top
    # a target shorter than any sentence still gets the best sentence, and only that one
    tiny = summarize(STORY, BriefSettings(target_words=3, max_words=5))
    assert len(tiny) == 1
    one = summarize(STORY, BriefSettings(max_sentences=1))
    assert len(one) == 1
    longer = summarize(STORY, BriefSettings(target_words=120, max_words=200))
    assert len(longer) > len(summarize(STORY, BriefSettings(target_words=20, max_words=40)))


def test_a_story_told_over_several_days_gets_a_larger_budget() -> None:
    days = {a.published[:10] for a in STORY if a.published}
    assert len(days) >= 2
    cfg = BriefSettings(target_words=20, max_words=40, words_per_news_day=30)
    grown = budget(list(STORY), cfg)
    assert grown.target_words == 20 + 30 * (len(days) - 1)
    assert grown.max_words == math.ceil(40 * grown.target_words / 20)
    capped = budget(list(STORY), replace(cfg, max_target_words=25))
    assert (capped.target_words, capped.max_words) == (25, 50)
    undated = [replace(a, published=None) for a in STORY]
    assert budget(undated, cfg) == cfg  # undated (AllSides): the base budget
    same_day = [replace(a, published="2024-03-01T09:00:00Z") for a in STORY]
    assert budget(same_day, cfg) == cfg
    fixed = replace(cfg, words_per_news_day=0)
    n_grown = sum(len(b.text.split()) for b in summarize(STORY, cfg))
    n_fixed = sum(len(b.text.split()) for b in summarize(STORY, fixed))
    assert n_fixed <= 40 < n_grown


def test_output_is_deterministic_and_independent_of_input_order() -> None:
    first = summarize(STORY)
    rng = random.Random(7)
    for _ in range(5):
        shuffled = STORY[:]
        rng.shuffle(shuffled)
        assert summarize(shuffled) == first


def test_sentences_are_ordered_by_date_then_position() -> None:
    brief = summarize(STORY, BriefSettings(target_words=200, max_words=300))
    keys = [(BY_ID[b.article_id].published, b.sentence_idx) for b in brief]
    dates = [k[0] for k in keys]
    assert dates == sorted(dates)  # type: ignore[type-var]


def test_headline_only_story_gets_cited_headlines() -> None:
    feed = [
        BriefArticle(id="f1", source="Brenmoor Gazette", published="2031-05-12",
                     title="Harbour Bridge to close for six weeks"),
        BriefArticle(id="f2", source="Valley Wire", published="2031-05-12",
                     title="Harbour Bridge to close for six weeks"),
        BriefArticle(id="f3", source="Coastline Daily", published="2031-05-13",
                     title="Harbour Bridge will close for six weeks, city says"),
        BriefArticle(id="f4", source="Northfield Times", published="2031-05-13",
                     title="Quay Street traders fear summer losses"),
    ]
    brief = summarize(feed)
    assert len(brief) == 2
    bridge, traders = brief
    assert bridge.sentence_idx is None and bridge.text == "Harbour Bridge to close for six weeks"
    assert set(bridge.article_ids) == {"f1", "f2", "f3"}
    assert traders.text == "Quay Street traders fear summer losses"
    assert traders.article_ids == ("f4",)


def _injured(aid: str, source: str, count: str) -> BriefArticle:
    return BriefArticle(id=aid, source=source, published="2031-05-12", sentences=(
        (0, f"{count} people were injured when scaffolding fell from the Harbour Bridge on "
            "Tuesday, police said."),
    ))


def test_numbers_that_disagree_are_not_the_same_statement() -> None:
    twelve = _injured("b", "Coastline Daily", "12")
    seven = _injured("c", "Valley Wire", "7")
    agree = summarize([twelve, _injured("d", "Northfield Times", "12")])
    assert [x.article_ids for x in agree] == [("b", "d")]
    disagree = summarize([twelve, seven])
    assert disagree and all(len(x.article_ids) == 1 for x in disagree)


def test_empty_and_bodyless_inputs() -> None:
    assert summarize([]) == []
    assert summarize([BriefArticle(id="x")]) == []


def test_untitled_articles_with_no_sentence_that_stands_alone_still_get_a_brief() -> None:
    """Timeline17-style texts: no headline, and every lead sentence too long or mostly
    quoted. The brief stage raised on an empty candidate list; now each article's first
    sentence stands for it."""
    long = " ".join(["The harbour authority said repairs to the flood gates"] * 7) + "."
    quoted = '"We will rebuild the quay wall before the winter storms arrive," she said.'
    arts = [BriefArticle(id="t1", published="2031-05-12", sentences=((0, long), (1, quoted))),
            BriefArticle(id="t2", published="2031-05-13", sentences=((0, quoted),))]
    short = replace(BriefSettings(), max_words=200, target_words=150)
    got = summarize(arts, short)
    assert got and all(b.sentence_idx == 0 for b in got)
    assert summarize(arts) is not None  # the default budget may leave it empty; it never raises

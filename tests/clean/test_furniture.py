"""The line-level furniture remover and the head reader, on fixtures written for them."""

from pathlib import Path

import pytest

from storyline.clean.article import clean_text
from storyline.clean.furniture import classify_lines, is_teaser, is_ui_line
from storyline.clean.header import read_head

FIX = Path(__file__).parent.parent / "fixtures" / "clean"


def _clean(name: str):
    return clean_text((FIX / name).read_text(encoding="utf-8"))


def _kinds(result) -> dict[str, str]:
    return {r.split(": ", 1)[1]: r.split(": ", 1)[0] for r in result.removed_lines}


def test_every_kind_of_furniture_goes_and_every_body_line_stays():
    r = _clean("furniture-everything.txt")
    body = r.text.splitlines()
    assert body == [
        "Hundreds of homes in Ashcombe were cut off on Tuesday after the River Wend burst its banks following two days of heavy rain.",
        "Council leader Priya Raman said 340 residents had been moved to the town's leisure centre overnight.",
        '"We have never seen the water rise this fast," said Tom Hale, who runs the bakery on Bridge Street.',
        "Engineers were checking the old stone bridge, which was closed to traffic at noon.",
        "The Environment Agency said river levels would peak late on Wednesday.",
    ]
    kinds = _kinds(r)
    assert kinds["MORE : Storm Odile: what the Met Office warnings mean for you"] == "teaser"
    assert kinds["Sign up to our Morning Briefing newsletter, free to your inbox every weekday."] == "plug"
    assert kinds["Got a story? Get in touch with our newsdesk at news@lowlandgazette.example."] == "plug"
    assert kinds["For more stories like this, check our news page."] == "plug"
    assert kinds["Flooding: everything you need to know"] == "explainer"
    assert kinds["Insurers say claims in the region have doubled since 2015."] == "explainer"
    assert kinds["- Who pays when a river floods your home?"] == "link-list"
    assert kinds["from Regional – Lowland Gazette https://feeds.example.net/abc123"] == "link"
    assert kinds["3 Comments"] == "comments"
    for line in ("Next Story", "Source link", "Must Read", "Share this article",
                 "Share on Facebook | Share on X | Email"):
        assert kinds[line] == "ui"


def test_head_gives_title_date_and_outlet():
    r = _clean("furniture-everything.txt")
    assert r.title == "Floodwaters cut off Ashcombe as river bursts its banks"
    assert r.published == "2025-11-04"
    assert r.source == "The Lowland Gazette"
    kinds = _kinds(r)
    assert kinds["Regional | Weather"] == "breadcrumb"
    assert "duplicate" in kinds.values()  # the title line that came twice


def test_prose_that_looks_like_furniture_is_kept():
    """A dateline, a plan's bullet points, a mid-story section heading and a one-word
    closing quote are body."""
    r = _clean("furniture-keep.txt")
    assert r.removed_lines == ()
    assert r.text.splitlines()[0].startswith("ASHCOMBE: The council")
    assert "What we know so far" in r.text
    assert r.text.splitlines()[-1] == "Bang."
    assert r.title is None


def test_breadcrumb_glued_to_the_title():
    r = _clean("banner-breadcrumb.txt")
    assert r.title == "Ferry service suspended after engine fire near Kells Point"
    assert r.text.splitlines() == [
        "The island ferry was taken out of service on Sunday after a small engine fire forced it back to harbour.",
        "No passengers were hurt, the operator said.",
    ]


def test_date_header_glued_to_the_first_paragraph():
    r = _clean("glued-date.txt")
    assert r.published == "2025-06-12"
    assert r.text.startswith("The county's new bus timetable starts on Monday")


def test_no_title_when_the_text_opens_with_a_sentence():
    r = _clean("lead-sentence.txt")
    assert r.title is None
    assert len(r.text.splitlines()) == 2


def test_known_title_is_not_repeated_in_the_text():
    head = read_head(["Bridge reopens after repairs", "The bridge reopened on Monday after six weeks."],
                     known_title="Bridge reopens after repairs")
    assert head.lines == ["The bridge reopened on Monday after six weeks."]
    assert head.title == "Bridge reopens after repairs"


@pytest.mark.parametrize("line", ["READ MORE: Council votes to close the library", "Related: Ten years of floods",
                                  "WATCH | The moment the bridge fell"])
def test_teasers(line):
    assert is_teaser(line)


@pytest.mark.parametrize("line", ["KYIV: Russia's army said on Tuesday it would scale back operations.",
                                  "More than 300 people were moved to shelters.",
                                  "Read the full statement, the mayor said, before judging."])
def test_not_teasers(line):
    assert not is_teaser(line)


@pytest.mark.parametrize("line", ["Share", "Tweet this", "Print | Email | Copy link", "12 comments",
                                  "Advertisement", "Continue reading"])
def test_ui_lines(line):
    kinds = [lab.kind for lab in classify_lines(["A sentence of the story, long enough to be prose.", line])]
    assert kinds[1] != "body"
    assert kinds[0] == "body"


def test_ui_vocabulary_does_not_swallow_prose():
    assert not is_ui_line("The share price fell by a third on Monday.")
    assert not is_ui_line("Residents said the story of the flood would be told for years")


def test_a_list_of_sentences_inside_the_story_is_not_a_link_list():
    lines = ["The agreement sets out three steps.",
             "- Both sides will withdraw heavy weapons from the line within a week.",
             "- Monitors will be allowed into every town along the border.",
             "- Prisoners will be exchanged once the monitors report."]
    assert [lab.kind for lab in classify_lines(lines)] == ["body"] * 4


def test_repeated_short_lines_go_once_the_corpus_has_seen_them():
    from storyline.clean.repeated import candidates

    seen: dict[str, int] = {}

    def repeated(lines):
        out = set()
        for key, line in candidates(lines, 8).items():
            seen[key] = seen.get(key, 0) + 1
            if seen[key] >= 3:
                out.add(line)
        return out

    bodies = [f"Story {n} about the harbour opens with a sentence.\nHarbour Desk Live Coverage\nIt ends here, {n}.\n"
              for n in range(4)]
    results = [clean_text(b, repeated=repeated) for b in bodies]
    assert "Harbour Desk Live Coverage" in results[0].text
    assert "Harbour Desk Live Coverage" in results[1].text
    assert "Harbour Desk Live Coverage" not in results[2].text
    assert "repeated: Harbour Desk Live Coverage" in results[3].removed_lines


def test_unlabelled_list_of_figures_in_the_story_is_kept():
    lines = ["The minister set out the main spending lines.",
             "- Schools to receive 4.2bn over three years",
             "- Rural roads to get 900m",
             "The opposition said the plan did not go far enough."]
    assert [lab.kind for lab in classify_lines(lines)] == ["body"] * 4


def test_labelled_list_of_headlines_is_a_link_list():
    lines = ["The bridge will reopen on Friday, the council said.",
             "The repairs cost less than expected.",
             "You may also like",
             "- Council tax to rise by 3%",
             "- Harbour festival returns in June",
             "The council will publish the full report next week."]
    kinds = [lab.kind for lab in classify_lines(lines)]
    assert kinds == ["body", "body", "label", "link-list", "link-list", "body"]


def test_short_lines_at_the_very_end_stay_when_no_furniture_follows():
    lines = ["Rovers named an unchanged side for the derby on Saturday.",
             "Rovers: K Adams, L Brook, M Carter",
             "Subs not used",
             "J Doyle"]
    assert [lab.kind for lab in classify_lines(lines)] == ["body"] * 4


def test_a_repeated_line_that_is_the_whole_article_is_kept():
    """A short item many outlets print word for word is an article, not furniture."""
    from storyline.clean.repeated import candidates

    seen: dict[str, int] = {}

    def repeated(lines):
        out = set()
        for key, line in candidates(lines, 8).items():
            seen[key] = seen.get(key, 0) + 1
            if seen[key] >= 3:
                out.add(line)
        return out

    results = [clean_text("Dam toll rises to nine in Tuscany\n", repeated=repeated)
               for _ in range(4)]
    assert [r.text for r in results] == ["Dam toll rises to nine in Tuscany"] * 4
    assert not any(line.startswith("repeated:") for r in results for line in r.removed_lines)

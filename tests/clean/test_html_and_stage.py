"""HTML extraction, language flags and the clean stage over a real SQLite store."""

from pathlib import Path

from storyline.clean.article import clean_html
from storyline.clean.language import detect_language
from storyline.ingest.runner import ingest

FIX = Path(__file__).parent.parent / "fixtures" / "clean"


def test_html_main_text_without_navigation_plugs_or_footer():
    r = clean_html((FIX / "page.html").read_text(encoding="utf-8"))
    assert r.text.startswith("The harbour tram line, closed since a landslide in March")
    assert "Shopkeepers along the route" in r.text
    for junk in ("Most read", "Harbour festival", "Copyright", "Sign up to our newsletter", "Subscribe"):
        assert junk not in r.text
    assert r.title == "Tram line to reopen in spring"
    assert r.language == "en"


def test_language_is_detected_and_non_english_is_flagged(store, settings):
    assert detect_language("Die Reparatur der Stützmauer hat zwölf Millionen Euro gekostet.") == "de"
    assert detect_language("ok") is None
    report = ingest(store, [str(FIX / "page-de.html"), str(FIX / "page.html")], settings, ["clean"])
    assert report.ok
    by_lang = {a.language: a for a in store.articles()}
    assert set(by_lang) == {"de", "en"}
    de = by_lang["de"]
    assert "Straßenbahn" in de.title and "Erdrutsch" in de.text  # stored as it is, not mangled
    assert de.metadata["clean"]["non_english"] is True
    assert "non_english" not in by_lang["en"].metadata["clean"]


def test_stage_keeps_metadata_over_text_and_records_what_it_removed(store, settings):
    report = ingest(store, [str(FIX / "furniture-everything.txt")], settings, ["clean"])
    assert report.ok
    [a] = store.articles()
    assert a.source == "The Lowland Gazette"
    assert a.published == "2025-11-04"
    assert a.title == "Floodwaters cut off Ashcombe as river bursts its banks"
    assert "ui: Next Story" in a.metadata["clean"]["removed"]
    assert a.body.startswith("The Lowland Gazette")  # the raw input is kept as it came

import shutil

from tests.ingest.helpers import FIXTURES, by_input, run


def test_text_file_keeps_raw_body(store, settings):
    report = run(store, settings, FIXTURES / "ferry.txt")
    assert report.ok and len(report.added) == 1
    a = store.get_article(report.added[0])
    assert a.body == (FIXTURES / "ferry.txt").read_text()  # raw, furniture and all
    assert a.body_kind == "text" and a.input == str(FIXTURES / "ferry.txt") and a.line is None


def test_html_file_metadata_from_page(store, settings):
    # title/outlet/url come from the page's head at ingest; the date from the clean stage
    report = run(store, settings, FIXTURES / "ferry.html", stages=["clean"])
    a = store.get_article(report.added[0])
    assert a.body_kind == "html" and "<article>" in a.body
    assert a.source == "Lake Courier"  # og:site_name
    assert a.published == "2026-05-03"  # article:published_time
    assert a.url == "https://www.lakecourier.example/news/ferry-aground-lindau"  # canonical link
    assert a.title == "Ferry aground near Lindau: steering fault blamed"  # site suffix dropped


def test_html_without_site_name_takes_outlet_from_url_domain(store, settings, tmp_path):
    page = tmp_path / "p.html"
    page.write_text(
        '<html><head><link rel="canonical" href="https://www.bbc.co.uk/news/x-1"></head>'
        "<body><p>Boats were out on the lake all day, the harbour master said.</p></body></html>"
    )
    a = store.get_article(run(store, settings, page).added[0])
    assert a.source == "bbc.co.uk"


def test_folder_recursive_sorted_hidden_skipped(store, settings, tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text("First story text here.\n")
    (tmp_path / "a" / "b" / "two.txt").write_text("Second story text here.\n")
    (tmp_path / "a" / "b" / "three.htm").write_text("<html><body><p>Third story.</p></body></html>")
    (tmp_path / "a" / ".hidden.txt").write_text("Should not be read.\n")
    (tmp_path / "a" / "noext").write_text("<!DOCTYPE html><html><body><p>Sniffed page.</p></body></html>")
    report = run(store, settings, tmp_path / "a")
    assert report.ok
    names = by_input(store)
    assert set(names) == {"one.txt", "two.txt", "three.htm", "noext"}
    assert names["noext"][0].body_kind == "html"


def test_glob_pattern(store, settings, tmp_path):
    for n in range(3):
        (tmp_path / f"s{n}.txt").write_text(f"Story number {n} about the ferry.\n")
    (tmp_path / "other.html").write_text("<p>not matched</p>")
    report = run(store, settings, str(tmp_path / "s*.txt"))
    assert len(report.added) == 3 and report.ok
    assert run(store, settings, str(tmp_path / "zz*.txt")).problems[0].reason == "no file matches this pattern"


def test_encodings_of_text_files(store, settings, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    text = "Der Fährkapitän sagte, niemand sei verletzt worden. Schaden: 40 000 €.\n"
    (folder / "u16.txt").write_bytes(text.encode("utf-16"))
    (folder / "u16le.txt").write_bytes(("Zweiter Text. " + text).encode("utf-16-le"))
    (folder / "bom8.txt").write_bytes(b"\xef\xbb\xbf" + ("Dritter Text. " + text).encode("utf-8"))
    (folder / "w1252.txt").write_bytes(("Caf\u00e9 owners by the lake said the season was ruined. " * 5).encode("cp1252"))
    report = run(store, settings, folder)
    assert report.ok and len(report.added) == 4
    arts = {k: v[0] for k, v in by_input(store).items()}
    assert arts["u16.txt"].body == text
    assert arts["u16le.txt"].body == "Zweiter Text. " + text
    assert arts["bom8.txt"].body == "Dritter Text. " + text
    assert "Café owners" in arts["w1252.txt"].body


def test_folder_skips_store_files(store, settings, tmp_path):
    (tmp_path / "story.txt").write_text("The harbour was closed on Monday.\n")
    report = run(store, settings, tmp_path)  # tmp_path holds the test store test.db (+ -wal, -shm)
    assert report.ok and len(report.added) == 1


def test_same_content_in_two_files_is_stored_once(store, settings, tmp_path):
    (tmp_path / "a.txt").write_text("Identical wire copy about the ferry.\n")
    (tmp_path / "b.txt").write_text("Identical wire copy about the ferry.\n")
    report = run(store, settings, tmp_path / "a.txt", tmp_path / "b.txt")
    assert len(report.added) == 1 and report.already_stored == 1


def test_same_file_twice_and_copy_store_once(store, settings, tmp_path):
    shutil.copy(FIXTURES / "ferry.txt", tmp_path / "copy.txt")
    first = run(store, settings, FIXTURES / "ferry.txt")
    again = run(store, settings, FIXTURES / "ferry.txt", FIXTURES / "ferry.html")
    assert len(first.added) == 1 and again.already_stored == 1 and len(again.added) == 1
    assert store.count_articles() == 2

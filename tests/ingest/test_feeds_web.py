import dataclasses

from tests.ingest.helpers import FIXTURES, run

PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>{title} | Alpine Gazette</title><meta property="og:site_name" content="Alpine Gazette">
<meta property="article:published_time" content="2026-05-04T09:00:00+02:00"></head>
<body><nav>Home | News</nav><article><h1>{title}</h1><p>{text}</p></article></body></html>"""


def _no_fetch(settings):
    return dataclasses.replace(settings, fetch_feed_items=False)


def test_rss_file_without_fetching_uses_feed_content(store, settings):
    report = run(store, _no_fetch(settings), FIXTURES / "lake-feed.xml")
    assert report.ok and len(report.added) == 2
    arts = {a.title: a for a in store.articles()}
    a = arts["Ferry operator suspends Lindau crossings"]
    assert a.source == "Alpine Gazette" and a.url == "https://alpinegazette.example/news/ferry-suspended"
    assert a.published == "2026-05-04T07:00:00+00:00" and a.body_kind == "html"
    assert "suspended all of its crossings" in a.body  # content:encoded, not the one-line description
    assert a.metadata["guid"] == "ag-101" and a.input == str(FIXTURES / "lake-feed.xml")
    assert "towed off the sandbank" in arts["Lindau harbour reopens"].body  # summary only


def test_atom_file(store, settings):
    report = run(store, _no_fetch(settings), FIXTURES / "lake-atom.xml")
    [a] = store.articles()
    assert report.ok and a.source == "Bodensee Bulletin" and a.published == "2026-05-04T12:00:00+00:00"
    assert a.url == "https://bodensee.example/2026/05/captain-praised" and "praised the ferry captain" in a.body


def test_feed_items_are_fetched_by_default(store, settings, site):
    one = site.add("/news/one", PAGE.format(title="Crossings suspended", text="The operator suspended crossings."))
    site.add("/news/two", "gone", "text/plain", 404)
    feed = f"""<?xml version="1.0"?><rss version="2.0"><channel><title>Alpine Gazette</title>
    <item><title>Crossings suspended</title><link>{one}</link><pubDate>Mon, 04 May 2026 07:00:00 GMT</pubDate>
    <description>short summary one</description></item>
    <item><title>Second</title><link>{site.base}/news/two</link><description>summary two kept</description></item>
    </channel></rss>"""
    url = site.add("/feed.xml", feed, "application/rss+xml")
    report = run(store, settings, url)
    arts = {a.title: a for a in store.articles()}
    first = arts["Crossings suspended"]
    assert "<nav>" in first.body and first.url == one  # the page's HTML, feed's title/date/url
    assert first.published == "2026-05-04T07:00:00+00:00" and first.input == url
    # the item whose page 404s is reported, and its feed summary is stored instead
    [p] = report.problems
    assert p.where == f"{site.base}/news/two" and "HTTP 404" in p.reason and "feed item 2" in p.reason
    assert "summary two kept" in arts["Second"].body
    assert all(ua == settings.user_agent for _, ua in site.requests)


def test_single_url_follows_redirects(store, settings, site):
    site.add("/story", PAGE.format(title="Harbour reopens", text="The harbour reopened on Tuesday."))
    report = run(store, settings, site.base + "/go/story", stages=["clean"])
    [a] = store.articles()
    assert report.ok and a.url == site.base + "/story" and a.input == site.base + "/go/story"
    assert a.source == "Alpine Gazette" and a.title == "Harbour reopens" and a.published == "2026-05-04"
    again = run(store, settings, site.base + "/go/story")
    assert again.added == [] and again.already_stored == 1


def test_url_served_as_plain_text(store, settings, site):
    url = site.add("/plain.txt", "Plain text story about the lake.\n", "text/plain; charset=utf-8")
    a = store.get_article(run(store, settings, url).added[0])
    assert a.body_kind == "text" and a.url == url and a.source == "127.0.0.1"


def test_feed_that_404s(store, settings, site):
    report = run(store, settings, site.base + "/missing-feed.xml")
    [p] = report.problems
    assert p.where == site.base + "/missing-feed.xml" and p.reason == "HTTP 404 Not Found"
    assert store.count_articles() == 0


def test_url_timeout_and_refused_connection(store, settings, site, refused_url):
    fast = dataclasses.replace(settings, http_timeout=0.5)
    good = site.add("/good", PAGE.format(title="Good", text="A good page about the ferry."))
    report = run(store, fast, site.base + "/slow", refused_url, good)
    reasons = {p.where: p.reason for p in report.problems}
    assert reasons[site.base + "/slow"].startswith("timed out after 0.5")
    assert reasons[refused_url].startswith("cannot connect")
    assert store.count_articles() == 1  # the run went on


def test_url_that_is_not_a_page(store, settings, site):
    url = site.add("/img.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")
    [p] = run(store, settings, url).problems
    assert "image/png" in p.reason

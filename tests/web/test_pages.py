"""The web UI's pages from the real app (server-rendered), and their pure helpers: text
marking, the map's view, the timeline strip. Nothing from an article runs as markup."""

from __future__ import annotations

import re
from html import unescape

from storyline.store.queries import Mark
from storyline.web.charts import strip
from storyline.web.mapview import map_view, world
from storyline.web.marking import best_sentence, pieces
from tests.api.conftest import story_of


def test_list_page_filters(client, served):
    _, store = served
    html = client.get("/").text
    assert html.count('class="story-item"') == 4
    assert "Strange &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;" in html
    only = client.get("/", params={"place": "Helsinki"}).text
    assert only.count('class="story-item"') == 1 and "Helsinki ferry" in only
    assert f'href="/stories/{story_of(store, "ferry-one")}"' in only
    assert "No stories match" in client.get("/", params={"q": "zzzz"}).text
    more = client.get("/", params={"order": "size"}).text  # largest first
    assert more.index("Porto floods") < more.index("Helsinki ferry")


def test_story_page_cites_into_articles(client, served):
    _, store = served
    sid = story_of(store, "flood-wire")
    html = client.get(f"/stories/{sid}").text
    for section in ('id="brief"', 'id="timeline"', 'id="map"', 'id="quotes"', 'id="numbers"',
                    'id="coverage"', 'class="mapsvg"', 'class="bars"'):
        assert section in html, section
    links = re.findall(r'<a class="cite" href="([^"]+)"', html)
    assert links and all(unescape(h).startswith("/articles/") for h in links)
    assert any("?s=" in unescape(h) for h in links)
    assert 'class="marker marker-place"' in html and ">Porto</text>" in html
    assert client.get("/stories/nope", headers={"Accept": "text/html"}).status_code == 404


def test_article_page_highlights_and_escapes(client, served):
    html = client.get("/articles/flood-wire", params={"s": 1}).text
    [hl] = re.findall(r'<span class="sent hl" id="s(\d+)"', html)
    assert hl == "1"
    assert 'class="m-entity ent-gpe"' in html and 'class="m-number' in html
    # by text: the sentence of another article that states a brief sentence
    by_text = client.get("/articles/flood-ledger", params={
        "hl": "Rescuers in Coimbra evacuated 300 residents from the riverside district"}).text
    # its sentence 3: "The civil protection agency said 300 residents of Coimbra were still ..."
    assert re.findall(r'<span class="sent hl" id="s(\d+)"', by_text) == ["3"]
    hostile = client.get("/articles/hostile-1").text
    body = hostile.split("<body", 1)[1]
    assert "<script>alert" not in body and "<img" not in body
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in body
    assert "&lt;img src=x onerror=alert(&#39;img&#39;)&gt;" in body
    assert 'href="javascript:' not in body and "javascript:alert(&#39;url&#39;)" not in body
    page404 = client.get("/articles/nope", headers={"Accept": "text/html"})
    assert page404.status_code == 404 and "Not found" in page404.text


def test_pieces_and_best_sentence():
    text = "Alpha met Beta in Rome. Then 12 people left.\nGamma said \"no\"."
    sentences = [(0, 0, 23), (1, 24, 44), (2, 45, 62)]
    marks = [Mark("entity", 0, 5, "PERSON", "Alpha"), Mark("entity", 18, 22, "GPE", "Rome"),
             Mark("number", 29, 31, "people", "people: 12"), Mark("quote", 56, 60, "direct", "q")]
    out = pieces(text, sentences, marks, {1})
    assert "".join(g.text for p in out for g in p.segments) == text
    assert [p.idx for p in out] == [0, None, 1, None, 2]
    assert [p.highlighted for p in out if p.idx is not None] == [False, True, False]
    assert out[0].segments[0].classes == "m-entity ent-person"
    assert best_sentence(text, sentences, "twelve people left then") == 1
    assert best_sentence(text, sentences, "nothing in common here") is None


def test_map_view_and_strip():
    assert len(world()) > 150
    ukr = next(c for c in world() if c.iso == "UKR")
    assert 22 < ukr.bbox[0] < 23 and 40 < ukr.bbox[2] < 41.5  # longitudes of Ukraine's outline
    view = map_view([{"name": "Kyiv", "lat": 50.45, "lon": 30.52, "mentions": 5, "id": "k"},
                     {"name": "Lviv", "lat": 49.84, "lon": 24.03, "mentions": 2, "id": "l"},
                     {"name": "Nowhere", "lat": None, "lon": None}])
    assert view is not None and view.unlocated == ["Nowhere"]
    assert "UKR" in {c.iso for c in view.countries} and "BRA" not in {c.iso for c in view.countries}
    assert [m.name for m in view.markers] == ["Kyiv", "Lviv"]
    assert map_view([{"name": "x", "lat": None, "lon": None}]) is None
    wide = map_view([{"name": "a", "lat": 50, "lon": 30}, {"name": "b", "lat": -33.9, "lon": 151}])
    assert wide is not None and wide.viewbox.startswith("-180")
    s = strip([{"date": "2031-02-03", "items": [{"kind": "article"}, {"kind": "article"}]},
               {"date": "2031-02-06", "items": [{"kind": "event"}]}])
    assert s is not None and [b.articles for b in s.bars] == [2, 0, 0, 0]
    assert s.bars[3].events == 1 and s.bars[0].height == 1.0 and s.unit == "day"
    assert strip([]) is None

"""End to end in Debian's Chromium (Playwright, never `playwright install`): the real app
served by uvicorn on 127.0.0.1 over a real store. Load the list, open a story, click a
citation and see the sentence highlighted, see the map and the timeline drawn (screenshots
that are not blank), and an article carrying <script>, onerror= and javascript: shown as
text, with no script run and no dialog. Skips when Chromium or Playwright is missing."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date

import pytest

from storyline import service
from tests.api.conftest import story_of
from tests.web.png import grey_stats

CHROMIUM = os.environ.get("STORYLINE_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(served) -> Iterator[str]:
    import uvicorn

    from storyline.api.app import create_app

    settings, store = served
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings, store), host="127.0.0.1",
                                           port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("playwright is not installed (pip install -e '.[dev]')")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, base_url):
    """A page that records dialogs, script errors and any request that leaves the server."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    pg.dialogs, pg.errors, pg.outside = [], [], []  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("request", lambda r: None if r.url.startswith(base_url) else pg.outside.append(r.url))
    yield pg
    context.close()


def _not_blank(png: bytes) -> tuple[float, int]:
    variance, levels = grey_stats(png)
    assert variance > 50 and levels > 8, (variance, levels)
    return variance, levels


def test_list_story_citation_highlight(page, base_url, served):
    _, store = served
    page.goto(base_url + "/")
    items = page.locator(".story-item")
    assert items.count() == 4
    page.get_by_role("link", name="Porto floods: engineers questioned over river defences").click()
    page.wait_for_url(f"**/stories/{story_of(store, 'flood-wire')}")
    first = page.locator(".brief-sentences li").first
    sentence = first.locator(".sentence").inner_text()
    first.locator("a.cite").first.click()
    page.wait_for_url("**/articles/**")
    hl = page.locator(".sent.hl")
    assert hl.count() == 1 and hl.is_visible()
    assert sentence in hl.inner_text()
    background = hl.evaluate("e => getComputedStyle(e).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")
    assert not page.dialogs and not page.errors and not page.outside


def test_map_and_timeline_are_drawn(page, base_url, served, tmp_path):
    _, store = served
    sid = story_of(store, "flood-wire")
    timeline = service.get_brief(store, sid)["timeline"]
    dated = sorted({t["date"][:10] for t in timeline if len(t.get("date") or "") >= 10})
    assert len(dated) >= 3  # the three days its articles were published, and event days
    page.goto(f"{base_url}/stories/{sid}")
    svg = page.locator("svg.mapsvg")
    assert svg.is_visible() and page.locator("svg.mapsvg .land").count() >= 2
    assert page.locator("svg.mapsvg .marker-place circle").count() == 2
    # the events the story's articles tell are drawn where they happened
    assert page.locator("svg.mapsvg .marker-event circle").count() >= 1
    box = svg.bounding_box()
    assert box and box["width"] > 200 and box["height"] > 100
    _not_blank(svg.screenshot(path=str(tmp_path / "map.png")))
    bars = page.locator("svg.bars rect.bar")
    assert bars.count() == (date.fromisoformat(dated[-1]) - date.fromisoformat(dated[0])).days + 1
    _not_blank(page.locator("#activity").screenshot(path=str(tmp_path / "strip.png")))
    assert page.locator("#timeline .tl-day").count() == len(timeline)
    _not_blank(page.screenshot(path=str(tmp_path / "story.png"), full_page=True))
    assert not page.dialogs and not page.errors and not page.outside


def test_hostile_article_is_text(page, base_url, served):
    _, store = served
    for path in (f"/stories/{story_of(store, 'hostile-1')}", "/articles/hostile-1", "/"):
        page.goto(base_url + path)
        page.wait_for_load_state("load")
        scripts = page.eval_on_selector_all("script", "s => s.map(x => x.getAttribute('src'))")
        assert scripts == ["/static/app.js"], scripts
        assert page.locator("a[href^='javascript:' i]").count() == 0
        assert page.locator("img").count() == 0
        assert page.evaluate(  # the outlet's "<b>bold</b>" is text, not an element
            "[...document.querySelectorAll('b')].filter(b => b.textContent === 'bold').length"
        ) == 0
    text = page.goto(base_url + "/articles/hostile-1") and page.locator("#text").inner_text()
    assert "<script>alert('body')</script>" in text
    assert "<img src=x onerror=alert('img')>" in text
    assert "javascript:alert('link')" in text
    assert "javascript:" not in page.locator(".meta").inner_text()  # no link stored for it
    assert "<script>alert('title')</script>" in page.locator("h1").inner_text()
    page.wait_for_timeout(200)
    assert page.dialogs == [] and page.errors == [] and page.outside == []


def test_docs_page_works_offline(page, base_url):
    page.goto(base_url + "/docs")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock").count() >= 6
    assert page.outside == [] and page.errors == []

"""Screenshots of the web UI's story page for the README (docs/screenshots/), taken with
Playwright in Debian's Chromium over a store (default: the demo store `make demo` builds).

    storyline --db demo.db ingest --demo      # or: make demo
    python tools/screenshots.py --db demo.db  # docs/screenshots/story-desktop.png, story-phone.png

The story shown is the store's largest (or --story ID). Nothing is fetched from outside.
"""

from __future__ import annotations

import argparse
import socket
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def main() -> None:
    import uvicorn
    from playwright.sync_api import sync_playwright

    from storyline import service
    from storyline.api.app import create_app
    from storyline.settings import Settings
    from storyline.store import open_store

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", default=str(ROOT / "demo.db"))
    ap.add_argument("--story", default=None)
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--full", action="store_true", help="Whole pages, not the first screen.")
    args = ap.parse_args()
    settings = Settings(db_url=args.db)
    store = open_store(args.db)
    story = args.story or service.list_stories(store, limit=1, order="size").items[0].id
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(settings, store), host="127.0.0.1",
                                           port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    args.out.mkdir(parents=True, exist_ok=True)
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=args.chromium, args=ARGS)
            for name, (w, h) in WIDTHS.items():
                page = browser.new_page(viewport={"width": w, "height": h},
                                        device_scale_factor=1)
                page.goto(f"http://127.0.0.1:{port}/stories/{story}")
                path = args.out / f"story-{name}.png"
                page.screenshot(path=str(path), full_page=args.full)
                print(f"{path} ({w} wide)")
            browser.close()
    finally:
        server.should_exit = True
        store.close()


if __name__ == "__main__":
    main()

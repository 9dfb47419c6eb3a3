"""The load run: ``clients`` concurrent HTTP clients (asyncio + httpx, one connection
each) against a running server for ``seconds``; readers send story reads one after
another, writers POST new articles with the token. Every request is timed; a non-2xx
answer or an exception is an error. The run stops by itself: no request starts after
the deadline, and the ones in flight are waited for (each bounded by ``timeout``)."""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from dataclasses import dataclass

import httpx

from storyline.evaluation.load.mix import Request, Targets, ingest_request, read_request
from storyline.evaluation.load.stats import Sample


@dataclass(frozen=True)
class LoadPlan:
    clients: int = 50
    writers: int = 2  # of the clients, how many ingest
    seconds: float = 30.0
    timeout: float = 60.0  # one request at most
    seed: int = 1


async def _send(client: httpx.AsyncClient, req: Request, token: str) -> Sample:
    headers = {}
    if req.body is not None:
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    t0 = time.perf_counter()
    try:
        r = await client.request(req.method, req.path, params=req.params, content=req.body,
                                 headers=headers)
        await r.aread()
        ok = 200 <= r.status_code < 300
        detail = "" if ok else f"HTTP {r.status_code} {r.text[:120]}"
    except Exception as e:  # any failure of the request counts as an error
        ok, detail = False, type(e).__name__
    return Sample(req.kind, time.perf_counter() - t0, ok, detail)


async def _client(n: int, plan: LoadPlan, base_url: str, token: str, targets: Targets,
                  deadline: float, run_id: str, out: list[Sample]) -> None:
    rng = random.Random(plan.seed * 1000 + n)
    writer = n < plan.writers
    limits = httpx.Limits(max_connections=1, max_keepalive_connections=1)
    async with httpx.AsyncClient(base_url=base_url, timeout=plan.timeout, limits=limits) as c:
        count = 0
        while time.monotonic() < deadline:
            if writer:
                req = ingest_request(rng, f"load-{run_id}-{n}-{count}")
            else:
                req = read_request(rng, targets)
            out.append(await _send(c, req, token))
            count += 1


async def _run(plan: LoadPlan, base_url: str, token: str, targets: Targets) -> tuple[list[Sample], float]:
    out: list[Sample] = []
    run_id = uuid.uuid4().hex[:8]
    start = time.monotonic()
    deadline = start + plan.seconds
    await asyncio.gather(*(_client(n, plan, base_url, token, targets, deadline, run_id, out)
                           for n in range(plan.clients)))
    return out, time.monotonic() - start


def run_load(plan: LoadPlan, base_url: str, token: str, targets: Targets) -> tuple[list[Sample], float]:
    """Every request's sample, and the seconds from the first request to the last answer."""
    return asyncio.run(_run(plan, base_url, token, targets))


def read_targets(base_url: str, max_stories: int = 50, timeout: float = 60.0) -> Targets:
    """Story and article ids (and title words) the readers will ask for."""
    with httpx.Client(base_url=base_url, timeout=timeout) as c:
        r = c.get("/api/stories", params={"limit": str(max_stories)})
        r.raise_for_status()
        items = r.json()["items"]
        stories = tuple(s["id"] for s in items)
        articles: list[str] = []
        for sid in stories[:20]:
            doc = c.get(f"/api/stories/{sid}")
            doc.raise_for_status()
            articles.extend(doc.json()["article_ids"])
    words = tuple(sorted({w.strip(":,").lower() for s in items for w in (s["title"] or "").split()
                          if len(w.strip(":,")) > 3}))
    if not stories or not articles:
        raise RuntimeError("the store has no story to read: ingest some articles first")
    return Targets(stories, tuple(articles), words or ("news",))


def warm_up(base_url: str, token: str, timeout: float = 300.0, ingests: int = 1) -> float:
    """Ingests before the clock starts (the server loads its language model on the first);
    the seconds they took. With several server processes, ``ingests`` sent at once on
    their own connections, so that each process is likely to have loaded its model."""
    from concurrent.futures import ThreadPoolExecutor

    def one(n: int) -> None:
        req = ingest_request(random.Random(n), f"load-warmup-{uuid.uuid4().hex[:8]}")
        with httpx.Client(base_url=base_url, timeout=timeout) as c:
            r = c.post(req.path, content=req.body, headers={
                "Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        if r.status_code != 200:
            raise RuntimeError(f"the warm-up ingest failed: HTTP {r.status_code} {r.text[:300]}")

    t0 = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, ingests)) as pool:
        list(pool.map(one, range(max(1, ingests))))
    return time.perf_counter() - t0

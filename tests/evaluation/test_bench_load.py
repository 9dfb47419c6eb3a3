"""`storyline bench load`, small: a real `storyline serve` process on 127.0.0.1, a few
clients for two seconds, reads and ingests; no request fails and every kind is timed."""

from __future__ import annotations

import math
import random

from storyline.evaluation.load.clients import LoadPlan
from storyline.evaluation.load.command import load_test
from storyline.evaluation.load.mix import READS, Targets, new_article, read_request
from storyline.evaluation.load.stats import Sample, percentile, summarise


def test_small_load_run_has_no_errors_and_reports_latencies(tmp_path):
    plan = LoadPlan(clients=4, writers=1, seconds=2.0, timeout=120.0)
    run = load_test(tmp_path / "load", plan, articles=12, echo=False)
    r = run.report
    assert r.errors == 0, r.failures
    assert run.server_exit in (0, -15)  # stopped on SIGTERM
    ingests = r.kind("ingest")
    assert ingests is not None and ingests.count >= 1
    reads = r.kind("all reads")
    assert reads is not None and reads.count >= 1  # how many depends on the load, not the code
    for k in r.kinds + r.groups:
        assert k.count > 0 and 0 < k.p50_ms <= k.p99_ms <= k.max_ms
    assert r.requests == sum(k.count for k in r.kinds) and r.rate > 0
    assert run.stories >= 1 and run.articles >= 1


def test_percentiles_and_summary():
    assert percentile([], 50) != percentile([], 50)  # NaN
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50 and percentile(values, 99) == 99
    assert percentile(values, 100) == 100 and percentile([7.0], 99) == 7
    samples = [Sample("story", 0.010, True), Sample("story", 0.030, False, "HTTP 500"),
               Sample("list", 0.020, True), Sample("ingest", 1.0, True)]
    r = summarise(samples, 2.0, 3, {"all reads": ("story", "list")})
    assert r.requests == 4 and r.errors == 1 and r.rate == 2.0
    assert r.failures == {"story: HTTP 500": 1}
    reads = r.kind("all reads")
    assert reads is not None and reads.count == 3 and reads.errors == 1
    assert math.isclose(reads.max_ms, 30.0)


def test_request_mix_covers_every_read_kind():
    rng = random.Random(3)
    t = Targets(("s1", "s2"), ("a1",), ("flood",))
    kinds = {read_request(rng, t).kind for _ in range(300)}
    assert kinds == set(READS)
    a, b = new_article(rng, "x1"), new_article(rng, "x2")
    assert a["id"] == "x1" and a["text"] and a["title"] and a["published"] and a != b

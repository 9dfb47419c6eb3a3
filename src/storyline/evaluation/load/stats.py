"""Latency figures of a load run: per request kind, count, errors, p50/p99/max and rate."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class Sample:
    kind: str
    seconds: float
    ok: bool
    detail: str = ""  # why it failed: the status, or the exception's type


@dataclass
class KindStats:
    kind: str
    count: int
    errors: int
    p50_ms: float
    p99_ms: float
    max_ms: float


@dataclass
class LoadReport:
    duration: float  # seconds the clients ran
    clients: int
    kinds: list[KindStats] = field(default_factory=list)  # one per request kind
    groups: list[KindStats] = field(default_factory=list)  # pooled kinds (e.g. all reads)
    failures: dict[str, int] = field(default_factory=dict)  # "kind: detail" -> count

    @property
    def requests(self) -> int:
        return sum(k.count for k in self.kinds)

    @property
    def errors(self) -> int:
        return sum(k.errors for k in self.kinds)

    @property
    def rate(self) -> float:
        return self.requests / self.duration if self.duration > 0 else 0.0

    def kind(self, name: str) -> KindStats | None:
        return next((k for k in self.kinds + self.groups if k.kind == name), None)


def percentile(sorted_values: list[float], q: float) -> float:
    """The nearest-rank percentile ``q`` (0-100) of values sorted ascending."""
    if not sorted_values:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def _stats(kind: str, samples: list[Sample]) -> KindStats:
    times = sorted(s.seconds * 1000 for s in samples)
    return KindStats(kind, len(samples), sum(not s.ok for s in samples),
                     percentile(times, 50), percentile(times, 99), times[-1] if times else math.nan)


def summarise(samples: Iterable[Sample], duration: float, clients: int,
              groups: dict[str, tuple[str, ...]]) -> LoadReport:
    """Figures per kind, then per group of kinds (e.g. all reads), then all requests."""
    by_kind: dict[str, list[Sample]] = {}
    failures: dict[str, int] = {}
    for s in samples:
        by_kind.setdefault(s.kind, []).append(s)
        if not s.ok:
            key = f"{s.kind}: {s.detail}"
            failures[key] = failures.get(key, 0) + 1
    report = LoadReport(duration, clients, failures=failures)
    report.kinds = [_stats(k, v) for k, v in sorted(by_kind.items())]
    for name, members in groups.items():
        pooled = [s for k in members for s in by_kind.get(k, [])]
        if pooled:
            report.groups.append(_stats(name, pooled))
    return report


def format_report(report: LoadReport) -> list[str]:
    lines = [f"{'kind':<14}{'requests':>9}{'errors':>8}{'p50 ms':>9}{'p99 ms':>9}{'max ms':>9}"]
    for k in report.kinds + report.groups:
        lines.append(f"{k.kind:<14}{k.count:>9}{k.errors:>8}{k.p50_ms:>9.1f}{k.p99_ms:>9.1f}"
                     f"{k.max_ms:>9.1f}")
    lines.append(f"{report.requests} requests in {report.duration:.1f} s by {report.clients} "
                 f"clients: {report.rate:.1f} requests/s, {report.errors} errors")
    for what, n in sorted(report.failures.items()):
        lines.append(f"  error {what} x{n}")
    return lines

"""A persistent MinHash LSH index in the store, and duplicate groups with canonical articles.

Signatures are MinHashes (:mod:`storyline.dedupe.minhash`: datasketch's scheme); the banding
(``b`` bands of ``r`` rows, chosen as datasketch's ``MinHashLSH`` chooses them for the
candidate threshold) is stored as rows of
``dedupe_bands``, so candidates for a new article are one indexed query whatever the
store's size, and the index survives across runs and processes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from sqlalchemy import Connection, and_, bindparam, or_, select, update

from storyline.dedupe.minhash import SIG_DTYPE, lsh_params
from storyline.dedupe.text import containment, jaccard
from storyline.settings import DedupeSettings
from storyline.store import schema as S


def band_keys(sig: np.ndarray, bands: int, rows: int) -> list[tuple[int, str]]:
    """One (band, bucket) key per band: a 64-bit hash of the band's rows."""
    out = []
    for b in range(bands):
        chunk = sig[b * rows : (b + 1) * rows].tobytes()
        out.append((b, hashlib.blake2b(chunk, digest_size=8).hexdigest()))
    return out


@dataclass(frozen=True)
class Match:
    article_id: str
    jaccard: float
    exact: bool


def order_key(published: str | None, article_id: str) -> tuple[bool, str, str]:
    """Canonical order: earliest published first (``published_utc``: true time), undated
    last, then the smallest id."""
    return (published is None, published or "", article_id)


class DuplicateIndex:
    """Exact-hash and LSH lookups against what the store already holds."""

    def __init__(self, cfg: DedupeSettings) -> None:
        self.cfg = cfg
        self.bands, self.rows = lsh_params(cfg.candidate_threshold, cfg.num_perm)
        self._queries: dict[int, Any] = {}

    def matches(
        self, conn: Connection, article_id: str, chash: str | None, sig: np.ndarray | None, size: int
    ) -> list[Match]:
        """Stored articles that are copies of this one (exact hash, or verified near match)."""
        found: dict[str, Match] = {}
        a = S.articles
        if chash is not None:
            q = select(a.c.id).where(a.c.content_hash == chash, a.c.id != article_id)
            for (other,) in conn.execute(q):
                found[other] = Match(other, 1.0, True)
        if sig is None:
            return sorted(found.values(), key=lambda m: m.article_id)
        keys = band_keys(sig, self.bands, self.rows)
        params: dict[str, Any] = {f"k{i}": k for i, (_, k) in enumerate(keys)}
        params.update((f"b{i}", b) for i, (b, _) in enumerate(keys))
        cands = {
            c for (c,) in conn.execute(self._bands_query(len(keys)), params)
        } - {article_id} - set(found)
        for other, osize, osig in self._signatures(conn, sorted(cands)):
            j = jaccard(sig, osig)
            if self.is_copy(j, size, osize):
                found[other] = Match(other, j, False)
        return sorted(found.values(), key=lambda m: m.article_id)

    def _bands_query(self, n: int) -> Any:
        """Articles sharing a bucket in any of ``n`` bands (parameters b0, k0, ...), built
        once: building the condition cost more than running it."""
        q = self._queries.get(n)
        if q is None:
            t = S.dedupe_bands
            cond = or_(*(and_(t.c.band == bindparam(f"b{i}"), t.c.bucket == bindparam(f"k{i}"))
                         for i in range(n)))
            q = self._queries[n] = select(t.c.article_id).where(cond).distinct()
        return q

    def is_copy(self, j: float, size_a: int, size_b: int) -> bool:
        c = self.cfg
        if j >= c.threshold:
            return True
        return j >= c.candidate_threshold and containment(j, size_a, size_b) >= c.containment

    def _signatures(
        self, conn: Connection, ids: Sequence[str]
    ) -> Iterable[tuple[str, int, np.ndarray]]:
        t = S.dedupe_signatures
        for i in range(0, len(ids), 500):
            q = select(t.c.article_id, t.c.shingles, t.c.signature).where(
                t.c.article_id.in_(ids[i : i + 500])
            )
            for aid, n, blob in conn.execute(q):
                yield aid, int(n), np.frombuffer(blob, dtype=SIG_DTYPE)

    def add(self, conn: Connection, article_id: str, sig: np.ndarray, size: int) -> None:
        """Store the signature and its band keys (replacing any earlier ones)."""
        conn.execute(S.dedupe_bands.delete().where(S.dedupe_bands.c.article_id == article_id))
        conn.execute(
            S.dedupe_signatures.delete().where(S.dedupe_signatures.c.article_id == article_id)
        )
        conn.execute(
            S.dedupe_signatures.insert(),
            {"article_id": article_id, "shingles": size, "signature": sig.tobytes()},
        )
        conn.execute(
            S.dedupe_bands.insert(),
            [
                {"article_id": article_id, "band": b, "bucket": k}
                for b, k in band_keys(sig, self.bands, self.rows)
            ],
        )


def relink(conn: Connection, article_id: str, matches: Sequence[Match]) -> str | None:
    """Join this article and every group its matches belong to into one group.

    The canonical is the group's earliest published article (then smallest id); every
    other member points at it. Returns the canonical, or None when there is no match.
    """
    if not matches:
        return None
    a = S.articles
    ids = [m.article_id for m in matches]
    heads: set[str] = set()
    for i in range(0, len(ids), 500):
        q = select(a.c.id, a.c.duplicate_of).where(a.c.id.in_(ids[i : i + 500]))
        heads.update(dup or aid for aid, dup in conn.execute(q))
    heads.add(article_id)
    hl = sorted(heads)
    q = select(a.c.id, a.c.published_utc, a.c.duplicate_of).where(
        or_(a.c.id.in_(hl), a.c.duplicate_of.in_(hl))
    )
    members: dict[str, tuple[str | None, str | None]] = {}
    for row in conn.execute(q):
        members[str(row[0])] = (row[1], row[2])
    canon: str = min(members, key=lambda m: order_key(members[m][0], m))
    for m, (_pub, dup) in sorted(members.items()):
        want = None if m == canon else canon
        if dup != want:
            conn.execute(update(a).where(a.c.id == m).values(duplicate_of=want))
    return canon


def group_of(conn: Connection, article_id: str) -> list[str]:
    """The article's duplicate group (canonical first, then by id)."""
    a = S.articles
    dup = conn.execute(select(a.c.duplicate_of).where(a.c.id == article_id)).scalar()
    head = dup or article_id
    rest = conn.execute(select(a.c.id).where(a.c.duplicate_of == head)).scalars()
    return [head, *sorted(set(rest) - {head})]


__all__ = ["DuplicateIndex", "Match", "band_keys", "group_of", "lsh_params", "order_key", "relink"]

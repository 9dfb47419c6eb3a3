"""WARC (and ARC) web archives, gzipped or not, read with warcio.

Every ``response`` record whose HTTP content type is HTML becomes an article, with
the record's target URI as its URL and its WARC-Date (the capture time) kept in
metadata. Other records (requests, metadata, images, scripts) are passed over.

A record that cannot be read (corrupt bytes, a gzip member cut short, a WARC record
with no Content-Length, which would swallow every record after it) is reported with
its number and byte offset, and reading goes on at the next record: the next gzip
member that opens with a WARC header, or the next line that starts ``WARC/1.``.
"""

from __future__ import annotations

import dataclasses
import mmap
import zlib
from collections.abc import Iterator
from typing import IO, Any

from storyline.ingest.files import STREAMED, check_size, html_draft
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings

Item = ArticleDraft | IngestProblem
_GZIP = b"\x1f\x8b\x08"
_WARC = b"WARC/1."


class _Skip(Exception):
    """A record that cannot be read; reading goes on after ``offset``."""

    def __init__(self, offset: int, reason: str) -> None:
        super().__init__(reason)
        self.offset, self.reason = offset, reason


def read_warc(where: str, settings: Settings) -> Iterator[Item]:
    problem = check_size(where, STREAMED, "one input file")  # read record by record
    if problem:
        yield problem
        return
    counts = {"pages": 0, "records": 0}
    try:
        with open(where, "rb") as f:
            gz = f.read(3) == _GZIP
            pos: int | None = 0
            while pos is not None:
                try:
                    yield from _records(f, pos, where, settings, counts)
                    break
                except _Skip as e:
                    yield IngestProblem(where, f"record {counts['records'] + 1} {e.reason}")
                    counts["records"] += 1
                    pos = _next_record(f, e.offset + 1, gz)
    except OSError as e:
        yield IngestProblem(where, f"cannot read WARC file (after record {counts['records']}): "
                                   f"{e}")
        return
    if counts["pages"] == 0:
        yield IngestProblem(where, "WARC file has no HTML response records")


def _records(f: IO[bytes], pos: int, where: str, settings: Settings,
             counts: dict[str, int]) -> Iterator[Item]:
    """The records from byte ``pos`` on; :class:`_Skip` at the first that cannot be read."""
    from warcio.archiveiterator import ArchiveIterator

    f.seek(pos)
    it = ArchiveIterator(f, arc2warc=True)
    offset = pos
    read = False  # a record was read from ``pos`` on: a failure is in a later one
    records = iter(it)
    while True:
        try:
            record = next(records)
        except StopIteration:
            return
        except Exception as e:  # noqa: BLE001 - warcio raises many kinds on bad bytes
            loc = f"after the record at byte {offset}" if read else f"at byte {offset}"
            raise _Skip(offset, f"{loc}: not a readable WARC record: "
                                f"{type(e).__name__}: {str(e)[:200]}") from e
        read = True
        offset = it.offset  # where this record starts, in the file (get_record_offset reads it)
        if record.format == "warc" and record.rec_headers.get_header("Content-Length") is None:
            raise _Skip(offset, f"at byte {offset}: WARC record with no Content-Length")
        try:
            item = _record(record, counts["records"] + 1, offset, where, settings)
        except Exception as e:  # noqa: BLE001 - a body that cannot be read, a cut gzip member
            raise _Skip(offset, f"at byte {offset}: cannot read the record: "
                                f"{type(e).__name__}: {str(e)[:200]}") from e
        counts["records"] += 1
        if item is not None:
            if isinstance(item, ArticleDraft):
                counts["pages"] += 1
            yield item


def _record(record: Any, n: int, offset: int, where: str, settings: Settings) -> Item | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    ctype = (record.http_headers.get_header("Content-Type") or "").lower()
    if "html" not in ctype or not status.startswith("2"):
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    data = record.content_stream().read(settings.max_html_bytes + 1)
    if len(data) > settings.max_html_bytes:
        return IngestProblem(where, f"record {n} ({uri}): page over the "
                                    f"{settings.max_html_bytes}-byte limit for one HTML page")
    charset = ctype.split("charset=", 1)[1].strip(" \"'") if "charset=" in ctype else None
    item = html_draft(data, where, charset, url=uri)
    if isinstance(item, IngestProblem):
        return IngestProblem(where, f"record {n} ({uri}): {item.reason}")
    meta = {
        "warc_record": n,
        "warc_offset": offset,
        "warc_date": record.rec_headers.get_header("WARC-Date"),
        "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
    }
    return dataclasses.replace(item, metadata={**item.metadata, **meta})


def _next_record(f: IO[bytes], start: int, gz: bool) -> int | None:
    """The byte offset of the next record at or after ``start``, or None."""
    try:
        m = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (ValueError, OSError):
        return None
    with m:
        i = start
        while True:
            if gz:
                i = m.find(_GZIP, i)
                if i < 0:
                    return None
                if _opens_warc(m[i : i + 4096]):
                    return i
            else:
                i = m.find(_WARC, i)
                if i < 0:
                    return None
                if i == 0 or m[i - 1 : i] == b"\n":
                    return i
            i += 1


def _opens_warc(chunk: bytes) -> bool:
    """True when a gzip member starts here and its first bytes are a WARC header."""
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(chunk, 16)
    except zlib.error:
        return False
    return head.startswith(_WARC)

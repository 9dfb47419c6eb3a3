"""WARC (and ARC) web archives, gzipped or not, read with warcio.

Every ``response`` record whose HTTP content type is HTML becomes an article, with
the record's target URI as its URL and its WARC-Date (the capture time) kept in
metadata. Other records (requests, metadata, images, scripts) are passed over.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator

from storyline.ingest.files import check_size, html_draft
from storyline.records import ArticleDraft, IngestProblem
from storyline.settings import Settings

Item = ArticleDraft | IngestProblem


def read_warc(where: str, settings: Settings) -> Iterator[Item]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    problem = check_size(where, settings.max_input_bytes, "one input file")
    if problem:
        yield problem
        return
    pages = 0
    n = 0
    try:
        with open(where, "rb") as f:
            for n, record in enumerate(ArchiveIterator(f, arc2warc=True), 1):  # noqa: B007
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                status = record.http_headers.get_statuscode() or ""
                ctype = (record.http_headers.get_header("Content-Type") or "").lower()
                if "html" not in ctype or not status.startswith("2"):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                data = record.content_stream().read(settings.max_article_bytes + 1)
                if len(data) > settings.max_article_bytes:
                    yield IngestProblem(where, f"record {n} ({uri}): page over the article size limit")
                    continue
                charset = ctype.split("charset=", 1)[1].strip(" \"'") if "charset=" in ctype else None
                item = html_draft(data, where, charset, url=uri)
                if isinstance(item, IngestProblem):
                    yield IngestProblem(where, f"record {n} ({uri}): {item.reason}")
                    continue
                pages += 1
                meta = {
                    "warc_record": n,
                    "warc_date": record.rec_headers.get_header("WARC-Date"),
                    "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
                }
                yield dataclasses.replace(item, metadata={**item.metadata, **meta})
    except ArchiveLoadFailed as e:
        yield IngestProblem(where, f"not a readable WARC file (after record {n}): {e}")
        return
    except OSError as e:
        yield IngestProblem(where, f"cannot read WARC file (after record {n}): {e}")
        return
    if pages == 0:
        yield IngestProblem(where, "WARC file has no HTML response records")

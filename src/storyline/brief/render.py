"""The brief document (:mod:`storyline.brief.document`) as Markdown, HTML or JSON.

Everything from an article (titles, sentences, quotes, outlet names, URLs) is escaped: the
HTML goes through Jinja2 with autoescaping, Markdown through :func:`storyline.safety.md_escape`,
and only http(s) URLs become links.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from functools import lru_cache
from importlib import resources
from typing import Any

from storyline.brief.document import day, format_value
from storyline.safety import md_escape, safe_url

FORMATS = ("md", "html", "json")
CiteHref = Callable[[dict[str, Any], int | None, str | None], str]


def anchor_cites(prefix: str = "") -> CiteHref:
    """Citations that point into the page's own Sources list."""
    def href(article: dict[str, Any], _idx: int | None, _text: str | None) -> str:
        return f"#{prefix}src-{article['n']}"
    return href


@lru_cache(maxsize=1)
def _environment() -> Any:
    from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape

    env = Environment(loader=ChoiceLoader([PackageLoader("storyline", "brief/templates")]),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    install_filters(env)
    return env


def install_filters(env: Any) -> None:
    """The filters the brief's templates use (the web UI's environment installs them too)."""
    env.filters["safe_url"] = safe_url
    env.filters["value"] = format_value
    env.filters["day"] = day
    env.filters["unquote"] = unquote
    env.globals["stance_label"] = stance_label
    env.globals["cited"] = cited


def cited(ids: Iterable[str], index: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """The cited articles' index entries, once each, in citation-number order."""
    return sorted({index[a]["n"]: index[a] for a in ids if a in index}.values(),
                  key=lambda a: a["n"])


_QUOTE_MARKS = "\"\u201c\u201d\u00ab\u00bb "


def unquote(text: str | None) -> str:
    """A direct quote's words without the quotation marks around them (the page adds its own)."""
    return (text or "").strip(_QUOTE_MARKS) or (text or "")


def stance_label(stance: str | None) -> str:
    return {"offer": "offers", "demand": "demands", "accept": "accepts", "reject": "rejects",
            "consider": "considers", "condition": "sets a condition on", "support": "supports",
            "oppose": "opposes"}.get(stance or "", stance or "")


@lru_cache(maxsize=1)
def brief_css() -> str:
    return (resources.files("storyline.brief") / "templates" / "brief.css").read_text("utf-8")


def _context(doc: dict[str, Any], cite_href: CiteHref | None, prefix: str) -> dict[str, Any]:
    from markupsafe import Markup

    return {"doc": doc, "art": {a["id"]: a for a in doc["articles"]}, "prefix": prefix,
            "cite_href": cite_href or anchor_cites(prefix),
            "css": Markup(brief_css())}  # the package's own stylesheet


def to_html(doc: dict[str, Any], cite_href: CiteHref | None = None) -> str:
    """A standalone HTML page (styles inline, no script, no outside resource)."""
    return str(_environment().get_template("brief.html").render(_context(doc, cite_href, "")))


def briefs_html(docs: Iterable[dict[str, Any]], title: str = "Story briefs") -> str:
    """Several briefs on one page, each with its own Sources list."""
    from markupsafe import Markup

    env = _environment()
    bodies, titles = [], []
    for n, doc in enumerate(docs, 1):
        prefix = f"b{n}-"
        bodies.append(Markup(env.get_template("brief_body.html").render(
            _context(doc, None, prefix))))  # rendered with autoescaping just above
        titles.append({"prefix": prefix, "title": doc["story"].get("title") or doc["story"]["id"]})
    return str(env.get_template("briefs.html").render(
        title=title, bodies=bodies, titles=titles, css=Markup(brief_css())))


def to_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _cites(ids: Iterable[str], index: dict[str, dict[str, Any]]) -> str:
    return "".join(f"[{n}]" for n in sorted({index[a]["n"] for a in ids if a in index}))


def _sources(items: Iterable[str]) -> str:
    return ", ".join(md_escape(s) for s in items)


def to_markdown(doc: dict[str, Any]) -> str:
    """The brief as Markdown: citations ``[n]`` point into the numbered Sources list."""
    st = doc["story"]
    index = {a["id"]: a for a in doc["articles"]}
    lines = [f"# {md_escape(st.get('title') or st['id'])}", ""]
    span = " to ".join(dict.fromkeys(
        d for d in (day(st.get("first_published")), day(st.get("last_published"))) if d))
    lines.append(f"Story {md_escape(st['id'])}: {_count(st['articles'], 'article')} from "
                 f"{_count(len(st['sources']), 'outlet')}" + (f", {span}" if span else "") + ".")
    lines += ["", "## Brief", ""]
    if doc["summary"]:
        lines += [f"- {md_escape(s['text'])} {_cites(s['article_ids'], index)}"
                  + (f" (in other words: {_cites(s['stated_by'], index)})"
                     if s.get("stated_by") else "")
                  for s in doc["summary"]]
    else:
        lines.append("No brief yet (run `storyline process`).")
    if doc["events"]:
        lines += ["", "## Key events", ""]
        for e in doc["events"]:
            what = e.get("description") or " ".join(
                x for x in (e.get("actor"), e.get("category"), e.get("target")) if x)
            place = f" ({md_escape(e['place'])})" if e.get("place") else ""
            lines.append(f"- **{md_escape(e.get('date') or 'undated')}** {md_escape(what)}{place} "
                         f"{_cites(e['article_ids'], index)}")
    if doc["timeline"]:
        lines += ["", "## Timeline", ""]
        for t in doc["timeline"]:
            lines.append(f"- **{md_escape(t['date'])}**")
            for it in t["items"]:
                label = "event" if it["kind"] == "event" else _sources(it["sources"]) or "article"
                lines.append(f"  - {label}: {md_escape(it['text'])} "
                             f"{_cites(it['article_ids'], index)}")
    if doc["quotes"]:
        lines += ["", "## Key quotes", ""]
        for sp in doc["quotes"]:
            lines.append(f"- **{md_escape(sp['speaker'])}**")
            for q in sp["quotes"]:
                body = f"\u201c{md_escape(unquote(q['text']))}\u201d" if q["kind"] == "direct" else \
                    f"(reported) {md_escape(q['text'])}"
                lines.append(f"  - {body} {_cites(q['article_ids'], index)}")
    if doc["numbers"]:
        lines += ["", "## Numbers", ""]
        for n in doc["numbers"]:
            where = ", ".join(md_escape(x) for x in (n.get("place"), n.get("date")) if x)
            head = f"- {md_escape(n['what'])}" + (f" ({where})" if where else "")
            if n["status"] == "conflicting":
                vals = "; ".join(f"{md_escape(v['display'])}: {_sources(v['sources'])} "
                                 f"{_cites(v['article_ids'], index)}" for v in n["values"])
                lines.append(f"{head}: **conflicting**: {vals}")
            else:
                lines.append(f"{head}: {md_escape(n['display'])}, {n['status']} "
                             f"({_sources(s for v in n['values'] for s in v['sources'])}) "
                             f"{_cites(n['article_ids'], index)}")
    if doc["positions"]:
        lines += ["", "## Positions", ""]
        for a in doc["positions"]:
            lines.append(f"- **{md_escape(a['actor'])}**")
            for p in a["positions"]:
                detail = f": {md_escape(p['detail'])}" if p.get("detail") else ""
                lines.append(f"  - {stance_label(p['stance'])} {md_escape(p.get('issue'))}{detail} "
                             f"{_cites(p['article_ids'], index)}")
    if doc["places"]:
        lines += ["", "## Places", ""]
        for p in doc["places"]:
            where = (f" ({p['lat']:.3f}, {p['lon']:.3f}{', ' + md_escape(p['country']) if p.get('country') else ''})"
                     if p.get("lat") is not None else " (not located)")
            what = (f", {md_escape(p.get('category') or 'event')} event"
                    + (f" of {md_escape(p['date'])}" if p.get("date") else "")
                    if p.get("kind") == "event" else "")  # an event's point, not a second place
            lines.append(f"- {md_escape(p['name'])}{where}{what} {_cites(p['article_ids'], index)}")
    lines += ["", "## Coverage", ""]
    for o in doc["coverage"]:
        span = " to ".join(dict.fromkeys(x for x in (o["first"], o["last"]) if x))
        lines.append(f"- **{md_escape(o['source'])}**: {len(o['articles'])} article"
                     f"{'s' if len(o['articles']) != 1 else ''}" + (f", {span}" if span else "")
                     + f" {_cites((a['id'] for a in o['articles']), index)}")
    lines += ["", "## Sources", ""]
    for a in doc["articles"]:
        url = safe_url(a.get("url"))
        bits = [md_escape(a.get("source") or "unknown outlet"),
                md_escape(a.get("title") or a["id"])]
        if a.get("published"):
            bits.append(md_escape(a["published"]))
        link = f" <{url}>" if url else ""
        lines.append(f"{a['n']}. {': '.join(bits[:2])}" + (f" ({bits[2]})" if len(bits) > 2 else "")
                     + f", id {md_escape(a['id'])}{link}")
    return "\n".join(lines) + "\n"


def render(doc: dict[str, Any], fmt: str) -> str:
    if fmt == "md":
        return to_markdown(doc)
    if fmt == "html":
        return to_html(doc)
    if fmt == "json":
        return to_json(doc)
    raise ValueError(f"unknown brief format {fmt!r}; formats: {', '.join(FORMATS)}")

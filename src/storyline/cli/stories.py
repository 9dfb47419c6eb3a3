"""Story commands: ``stories`` (list), ``story ID`` (its articles), ``recluster``,
``merge-stories`` and ``split-story``."""

from __future__ import annotations

import json

import click
from sqlalchemy import select

from storyline.cli.common import app, print_table, store_from
from storyline.outlets import story_sources
from storyline.store import schema as S


def _story_rows(store, limit: int | None):  # noqa: ANN001, ANN202
    a, t = S.articles, S.stories
    with store.connect() as conn:
        names: dict[str, list[str | None]] = {}
        for sid, source in conn.execute(
            select(a.c.story_id, a.c.source).where(a.c.story_id.is_not(None))
        ):
            names.setdefault(sid, []).append(source)
        # outlets as the export counts them: one per outlet across its spellings
        counts = {sid: (len(srcs), len(story_sources(srcs))) for sid, srcs in names.items()}
        rows = conn.execute(
            select(t.c.id, t.c.title, t.c.first_published, t.c.last_published)
            .where(t.c.merged_into.is_(None))
            .order_by(t.c.last_published.desc(), t.c.id)
        ).all()
    out = [(r, *counts.get(r.id, (0, 0))) for r in rows]
    out.sort(key=lambda x: (-x[1], x[0].id))
    return out[:limit]


@click.command("stories")
@click.option("--limit", type=int, default=None, help="Show at most this many (largest first).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def stories_cmd(ctx: click.Context, limit: int | None, as_json: bool) -> None:
    """List stories with their article counts, outlets and dates (largest first)."""
    with store_from(ctx) as store:
        rows = _story_rows(store, limit)
    if as_json:
        for r, n, srcs in rows:
            click.echo(json.dumps({"id": r.id, "title": r.title, "articles": n, "sources": srcs,
                                   "first_published": r.first_published,
                                   "last_published": r.last_published}, ensure_ascii=False))
        return
    print_table(
        [("id", 14), ("articles", 8), ("outlets", 7), ("first", 25), ("last", 25), ("title", 80)],
        ([r.id, str(n), str(srcs), r.first_published or "", r.last_published or "", r.title or ""]
         for r, n, srcs in rows),
    )
    click.echo(f"{len(rows)} stories")


@click.command("story")
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="The story as in the JSON export.")
@click.pass_context
def story_cmd(ctx: click.Context, story_id: str, as_json: bool) -> None:
    """Show one story: title, dates, outlets and its articles in publish order."""
    from storyline.export import story_json

    with store_from(ctx) as store, store.connect() as conn:
        row = conn.execute(select(S.stories).where(S.stories.c.id == story_id)).first()
        if row is None:
            raise click.ClickException(f"no story with id {story_id!r}")
        if row.merged_into:
            raise click.ClickException(f"story {story_id} was merged into {row.merged_into}")
        arts = store.articles(conn=conn, story_id=story_id)
        doc = story_json(store, conn, row, arts)
    if as_json:
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    click.echo(f"{doc['id']}: {doc['title']}")
    click.echo(f"  {doc['first_published'] or '?'} .. {doc['last_published'] or '?'}; "
               f"{len(arts)} articles from {len(doc['sources'])} outlets: "
               + ", ".join(doc["sources"]))
    print_table(
        [("id", 24), ("published", 25), ("source", 22), ("title", 70), ("dup of", 24)],
        ([a.id, a.published or "", a.source or "", a.title or a.text[:70], a.duplicate_of or ""]
         for a in arts),
    )


@click.command("recluster")
@click.pass_context
def recluster_cmd(ctx: click.Context) -> None:
    """Rebuild every story from scratch, in publish order (deterministic)."""
    from storyline.stories.ops import recluster

    with store_from(ctx) as store:
        n = recluster(store, app(ctx).settings)
    click.echo(f"{n} stories")


@click.command("merge-stories")
@click.argument("keep_id")
@click.argument("other_id")
@click.option("--reason", default=None, help="Recorded in the story log.")
@click.pass_context
def merge_cmd(ctx: click.Context, keep_id: str, other_id: str, reason: str | None) -> None:
    """Merge story OTHER_ID into KEEP_ID (recorded in the story log)."""
    from storyline.stories.ops import merge_stories

    with store_from(ctx) as store:
        merge_stories(store, app(ctx).settings, keep_id, other_id, reason)
    click.echo(f"merged {other_id} into {keep_id}")


@click.command("split-story")
@click.argument("story_id")
@click.argument("article_ids", nargs=-1, required=True)
@click.option("--reason", default=None, help="Recorded in the story log.")
@click.pass_context
def split_cmd(ctx: click.Context, story_id: str, article_ids: tuple[str, ...],
              reason: str | None) -> None:
    """Move ARTICLE_IDS out of STORY_ID into a new story (recorded in the story log)."""
    from storyline.stories.ops import split_story

    with store_from(ctx) as store:
        new_id = split_story(store, app(ctx).settings, story_id, article_ids, reason)
    click.echo(new_id)

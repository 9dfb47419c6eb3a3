"""Story commands: ``stories`` (list), ``story ID`` (its articles), ``recluster``,
``merge-stories`` and ``split-story``."""

from __future__ import annotations

import json

import click

from storyline import service
from storyline.cli.common import app, print_table, store_from, visible
from storyline.progress import progress_reporter
from storyline.store.queries import StoryFilter


@click.command("stories")
@click.option("--limit", type=int, default=None, help="Show at most this many.")
@click.option("--offset", type=int, default=0, help="Skip this many first.")
@click.option("--order", type=click.Choice(["size", "recent"]), default="size", show_default=True,
              help="Largest stories first, or the most recently updated first.")
@click.option("-q", "--text", default=None, help="Words in the story's or its articles' titles.")
@click.option("--since", default=None, help="Stories with articles on or after this date.")
@click.option("--until", default=None, help="Stories with articles on or before this date.")
@click.option("--outlet", default=None, help="Stories with an article from this outlet.")
@click.option("--entity", default=None, help="Stories mentioning this entity (id, name or alias).")
@click.option("--place", default=None, help="Stories mentioning this place (id, name or alias).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.pass_context
def stories_cmd(ctx: click.Context, limit: int | None, offset: int, order: str,
                text: str | None, since: str | None, until: str | None, outlet: str | None,
                entity: str | None, place: str | None, as_json: bool) -> None:
    """List stories with their article counts, outlets and dates."""
    filters = StoryFilter(text, since, until, outlet, entity, place)
    with store_from(ctx) as store:
        page = service.list_stories(store, filters, limit, offset, order)
    if as_json:
        for s in page.items:
            click.echo(json.dumps({"id": s.id, "title": s.title, "articles": s.articles,
                                   "sources": s.outlets, "first_published": s.first_published,
                                   "last_published": s.last_published}, ensure_ascii=False))
        return
    print_table(
        [("id", 14), ("articles", 8), ("outlets", 7), ("first", 25), ("last", 25), ("title", 80)],
        ([s.id, str(s.articles), str(s.outlets), s.first_published or "",
          s.last_published or "", s.title] for s in page.items),
    )
    more = f" (of {page.total})" if page.total != len(page.items) else ""
    click.echo(f"{len(page.items)} stories{more}")


@click.command("story")
@click.argument("story_id")
@click.option("--json", "as_json", is_flag=True, help="The story as in the JSON export.")
@click.pass_context
def story_cmd(ctx: click.Context, story_id: str, as_json: bool) -> None:
    """Show one story: title, dates, outlets and its articles in publish order."""
    with store_from(ctx) as store:
        doc = service.get_story(store, story_id)
        arts = service.story_articles(store, story_id)
    if as_json:
        click.echo(json.dumps(doc, ensure_ascii=False, indent=2))
        return
    click.echo(visible(f"{doc['id']}: {doc['title']}"))
    click.echo(f"  {doc['first_published'] or '?'} .. {doc['last_published'] or '?'}; "
               f"{len(arts)} articles from {len(doc['sources'])} outlets: "
               + visible(", ".join(doc["sources"])))
    print_table(
        [("id", 24), ("published", 25), ("source", 22), ("title", 70), ("dup of", 24)],
        ([a.id, a.published or "", a.source or "", a.title or a.text[:70], a.duplicate_of or ""]
         for a in arts),
    )


@click.command("recluster")
@click.pass_context
def recluster_cmd(ctx: click.Context) -> None:
    """Rebuild every story from scratch, in publish order (deterministic)."""
    with store_from(ctx) as store, progress_reporter() as progress:
        n = service.recluster(store, app(ctx).settings, progress)
    click.echo(f"{n} stories")


@click.command("merge-stories")
@click.argument("keep_id")
@click.argument("other_id")
@click.option("--reason", default=None, help="Recorded in the story log.")
@click.pass_context
def merge_cmd(ctx: click.Context, keep_id: str, other_id: str, reason: str | None) -> None:
    """Merge story OTHER_ID into KEEP_ID (recorded in the story log)."""
    with store_from(ctx) as store:
        service.merge_stories(store, app(ctx).settings, keep_id, other_id, reason)
    click.echo(f"merged {other_id} into {keep_id}")


@click.command("split-story")
@click.argument("story_id")
@click.argument("article_ids", nargs=-1, required=True)
@click.option("--reason", default=None, help="Recorded in the story log.")
@click.pass_context
def split_cmd(ctx: click.Context, story_id: str, article_ids: tuple[str, ...],
              reason: str | None) -> None:
    """Move ARTICLE_IDS out of STORY_ID into a new story (recorded in the story log)."""
    with store_from(ctx) as store:
        new_id = service.split_story(store, app(ctx).settings, story_id, article_ids, reason)
    click.echo(new_id)


@click.command("brief")
@click.argument("story_id")
@click.option("--format", "fmt", type=click.Choice(["md", "html", "json"]), default="md",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write to this file instead of standard output.")
@click.pass_context
def brief_cmd(ctx: click.Context, story_id: str, fmt: str, output: str | None) -> None:
    """A story's brief: cited summary, key events, timeline, quotes by speaker, numbers
    with their status, positions, places and coverage by outlet."""
    from storyline.brief.render import render

    with store_from(ctx) as store:
        text = render(service.get_brief(store, story_id), fmt)
    if output:
        with open(output, "w", encoding="utf-8") as f:
            f.write(text)
    else:
        click.echo(text, nl=False)

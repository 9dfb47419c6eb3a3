"""``storyline serve``: the REST API and web UI over the store."""

from __future__ import annotations

import os

import click

from storyline.cli.common import app, warn
from storyline.settings import DB_ENV


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Server processes sharing the port (each with its own cache and, for "
                   "ingests, its own worker process).")
@click.pass_context
def serve_cmd(ctx: click.Context, host: str, port: int, workers: int) -> None:
    """Serve the REST API (/api/, docs at /docs) and the web UI (/) over the store.

    Writes (POST /api/ingest) need the token in STORYLINE_API_TOKEN; without it the API is
    read-only. CORS is off unless STORYLINE_CORS_ORIGINS names origins."""
    import uvicorn

    from storyline.api.app import create_app
    from storyline.errors import StorylineError
    from storyline.store import open_store

    settings = app(ctx).settings
    try:
        if workers == 1:
            asgi = create_app(settings, serving=True)
        else:
            open_store(settings.db_url).close()  # created or migrated once, here
    except StorylineError as e:
        raise click.ClickException(str(e)) from e
    if not settings.serve.api_token:
        warn("note", "no STORYLINE_API_TOKEN: the API is read-only", style="cyan")
    click.echo(f"storyline: serving {settings.db_url} at http://{host}:{port}/ "
               f"(API docs at http://{host}:{port}/docs)"
               + (f" in {workers} processes" if workers > 1 else ""))
    if workers == 1:
        uvicorn.run(asgi, host=host, port=port, log_level="info", server_header=False)
        return
    os.environ[DB_ENV] = settings.db_url  # the workers build the same settings from it
    uvicorn.run("storyline.api.app:app_from_env", factory=True, workers=workers, host=host,
                port=port, log_level="info", server_header=False)

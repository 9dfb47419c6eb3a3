"""``storyline serve``: the REST API and web UI over the store."""

from __future__ import annotations

import click

from storyline.cli.common import app, warn


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (127.0.0.1: this machine only).")
@click.option("--port", type=int, default=8000, show_default=True)
@click.pass_context
def serve_cmd(ctx: click.Context, host: str, port: int) -> None:
    """Serve the REST API (/api/, docs at /docs) and the web UI (/) over the store.

    Writes (POST /api/ingest) need the token in STORYLINE_API_TOKEN; without it the API is
    read-only. CORS is off unless STORYLINE_CORS_ORIGINS names origins."""
    import uvicorn

    from storyline.api.app import create_app
    from storyline.errors import StorylineError

    settings = app(ctx).settings
    try:
        asgi = create_app(settings)
    except StorylineError as e:
        raise click.ClickException(str(e)) from e
    if not settings.serve.api_token:
        warn("note", "no STORYLINE_API_TOKEN: the API is read-only", style="cyan")
    click.echo(f"storyline: serving {settings.db_url} at http://{host}:{port}/ "
               f"(API docs at http://{host}:{port}/docs)")
    uvicorn.run(asgi, host=host, port=port, log_level="info", server_header=False)

"""The web UI: server-rendered pages (Jinja2, autoescaped), static files in the package."""

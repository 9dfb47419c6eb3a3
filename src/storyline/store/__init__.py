"""The storyline store (SQLite by default, PostgreSQL for servers)."""

from storyline.store.core import Store, engine_url, open_store, utcnow

__all__ = ["Store", "engine_url", "open_store", "utcnow"]

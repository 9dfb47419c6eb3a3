"""Shared fixtures: a fresh store per test, fixture article files, a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from storyline.settings import Settings
from storyline.store import Store, open_store

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def postgres_server():
    """One private PostgreSQL server per test process (see tests/pg_server.py)."""
    from tests.pg_server import PostgresServer, server_bin

    if server_bin("initdb") is None:
        pytest.skip("PostgreSQL server not installed (apt-get install -y postgresql)")
    server = PostgresServer()
    yield server
    server.stop()


@pytest.fixture
def postgres_url(postgres_server) -> str:  # noqa: ANN001
    """A fresh, empty PostgreSQL database for one test."""
    return postgres_server.new_database()


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "test.db")


@pytest.fixture
def settings(db_path: str) -> Settings:
    return Settings(db_url=db_path, batch_size=50)


@pytest.fixture
def store(settings: Settings) -> Store:
    s = open_store(settings.db_url)
    yield s
    s.close()


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def cli(db_path: str):
    """Invoke the storyline CLI against the test store; returns the click Result."""
    from storyline.cli.main import cli as group

    runner = CliRunner()

    def invoke(*args: str, **kw):
        return runner.invoke(group, ["--db", db_path, *args], catch_exceptions=False, **kw)

    return invoke

"""Shared fixtures: a fresh store per test, fixture article files, a CLI runner.

``STORYLINE_TEST_BACKEND=postgresql`` runs every test that takes ``db_path`` (the store
the CLI, the service and the stages use) against a fresh PostgreSQL database on the test
process's private server instead of a SQLite file; tests that are about SQLite itself are
marked ``sqlite_only`` and skip there."""

from __future__ import annotations

import os
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


BACKEND = os.environ.get("STORYLINE_TEST_BACKEND", "sqlite")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: the test is about the SQLite file itself")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if BACKEND != "sqlite":
        skip = pytest.mark.skip(reason=f"about SQLite; STORYLINE_TEST_BACKEND={BACKEND}")
        for item in items:
            if "sqlite_only" in item.keywords:
                item.add_marker(skip)


@pytest.fixture
def db_path(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The test's store: a SQLite file, or (STORYLINE_TEST_BACKEND=postgresql) a fresh
    PostgreSQL database."""
    if BACKEND == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
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

"""Limits and fetch settings from the environment (README, "Security")."""

from __future__ import annotations

import pytest

from storyline.settings import ENV_SETTINGS, Settings


def test_with_env_reads_each_setting_as_its_type():
    s = Settings().with_env({"STORYLINE_MAX_ARTICLE_BYTES": "5000", "STORYLINE_RESPECT_ROBOTS": "off",
                             "STORYLINE_FETCH_DEADLINE": "2.5", "STORYLINE_MAX_FEED_ITEMS": " 10 ",
                             "STORYLINE_UNRELATED": "x"})
    assert (s.max_article_bytes, s.respect_robots, s.fetch_deadline, s.max_feed_items) == \
        (5000, False, 2.5, 10)
    assert Settings().with_env({}) == Settings()
    assert all(hasattr(Settings(), name) for name in ENV_SETTINGS)


@pytest.mark.parametrize("var,value", [("STORYLINE_MAX_ARTICLE_BYTES", "ten"),
                                       ("STORYLINE_RESPECT_ROBOTS", "maybe"),
                                       ("STORYLINE_FETCH_DEADLINE", "nan"),
                                       ("STORYLINE_FETCH_DEADLINE", "inf"),
                                       ("STORYLINE_MAX_REDIRECTS", "-1")])
def test_a_value_of_the_wrong_type_is_named(var, value):
    with pytest.raises(ValueError, match=var):
        Settings().with_env({var: value})


def test_the_cli_applies_them(cli, tmp_path, monkeypatch):
    f = tmp_path / "a.txt"
    f.write_text("The ferry crossed the lake on a calm morning, the harbour master said.\n")
    monkeypatch.setenv("STORYLINE_MAX_ARTICLE_BYTES", "20")
    result = cli("ingest", "--stages", "none", str(f))
    assert result.exit_code == 1 and "over the 20 bytes limit for one article" in result.stderr
    monkeypatch.setenv("STORYLINE_MAX_ARTICLE_BYTES", "lots")
    result = cli("ingest", "--stages", "none", str(f))
    assert result.exit_code == 2 and "STORYLINE_MAX_ARTICLE_BYTES" in result.output

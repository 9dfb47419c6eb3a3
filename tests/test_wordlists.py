"""Word lists shipped as data files under storyline/data/words/."""

from importlib import resources

import pytest

from storyline.wordlists import parse_entries, parse_map, word_list, word_map, words

WORDS = resources.files("storyline.data").joinpath("words")
MAPS = {"time_units", "relative_days", "currencies", "quantity_units", "number_ones",
        "number_tens", "number_scales", "number_counts", "cue_particles", "number_events",
        "number_event_phrases", "change_verbs", "money_verbs", "unit_dimensions",
        "qualifier_bounds"}


def test_entries_skip_comments_and_blank_lines_and_keep_order():
    text = "# a header\n\nbeta\nalpha  # why alpha\n  at   least \nbeta\n#gamma\nus$ USD\n"
    assert parse_entries(text) == ("beta", "alpha", "at least", "us$ USD")


def test_map_value_is_after_the_last_space():
    assert parse_map(("this morning 0", "us$ USD", "this morning 5")) == \
        {"this morning": "0", "us$": "USD"}
    with pytest.raises(ValueError, match="not 'key value'"):
        parse_map(("lonely",), "x.txt")


def test_every_shipped_list_reads_and_maps_have_values():
    names = sorted(p.name[:-4] for p in WORDS.iterdir() if p.name.endswith(".txt"))
    assert len(names) >= 30 and MAPS <= set(names)
    for name in names:
        entries = word_list(name)
        assert entries, name
        assert words(name) == frozenset(entries)
        assert all("#" not in e for e in entries), name
        if name in MAPS:
            assert len(word_map(name)) == len(entries), name


def test_lists_hold_what_the_extractors_rely_on():
    assert word_list("weekdays")[0] == "Monday" and len(word_list("weekdays")) == 7
    assert word_list("months")[-1] == "December" and len(word_list("months")) == 12
    assert {"mr", "president", "sheikh"} <= words("titles")
    assert {"say", "tell"} <= words("cue_verbs_speech")
    assert word_map("currencies")["€"] == "EUR" and list(word_map("currencies"))[:2] == ["$", "us$"]
    assert word_map("relative_days")["the day before yesterday"] == "-2"


def test_tab_rows_skip_comments_and_blanks_and_a_missing_file(tmp_path):
    from storyline.wordlists import tab_rows
    f = tmp_path / "t.tsv"
    f.write_text("# a comment\nsay\t12\t40\n\nwarn\t3\n", encoding="utf-8")
    assert tab_rows(f) == [["say", "12", "40"], ["warn", "3"]]
    assert tab_rows(tmp_path / "missing.tsv") == []

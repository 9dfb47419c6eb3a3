"""Grouping a story's position mentions (pure): actor x issue x stance, issues matched by
their key words, sources (outlets once, copies never), dates and history in time order."""

from storyline.positions.group import StoredPosition, group_positions, issues_match
from storyline.records import Article


def _article(aid, source, published, duplicate_of=None):
    return Article(id=aid, input="x", body="", body_kind="text", source=source,
                   published=published, published_utc=published + "T00:00:00Z",
                   duplicate_of=duplicate_of, story_id="s1")


def _m(n, aid, actor, stance, issue, key, names=(), eid=None, date=None, sentence=None):
    return StoredPosition(id=f"{aid}:p{n}", article_id=aid, sentence_idx=n,
                          sentence=sentence or f"{actor} {stance} {issue}.", stance=stance,
                          issue=issue, issue_key=tuple(key), issue_names=tuple(names),
                          actor=actor, actor_entity_id=eid, date=date)


ARTICLES = [_article("a1", "Nordic Wire", "2024-05-06"),
            _article("a2", "Baltic Times", "2024-05-07"),
            _article("a3", "Harbour Post", "2024-05-07", duplicate_of="a2"),
            _article("a4", "nordicwire.example", "2024-05-09")]


def test_issues_match_by_head_and_shared_words_not_by_a_different_name():
    assert issues_match(("guarantee", "security"), (), ("guarantee", "international",
                                                      "mechanism", "security"), ())
    assert issues_match(("neutrality",), (), ("state", "neutrality", "non-nuclear"), ())
    assert issues_match(("membership", "nato"), ("nato",),
                        ("alliance", "drop", "membership", "nato"), ("nato",))
    assert not issues_match(("membership", "nato"), ("nato",),
                            ("membership", "european", "union"), ("european", "union"))
    assert not issues_match(("withdrawal", "russian"), (), ("delegation", "meet", "russian"), ())
    assert not issues_match((), (), ("ceasefire",), ())


def test_one_position_across_outlets_with_each_source_once():
    mentions = [
        _m(0, "a1", "Norway", "offer", "moratorium on drilling", ["moratorium", "drilling"],
           eid="e-no", date="2024-05-06"),
        _m(0, "a2", "Norway", "offer", "drilling moratorium", ["moratorium", "drilling"],
           eid="e-no", date="2024-05-07"),
        _m(0, "a3", "Norway", "offer", "drilling moratorium", ["moratorium", "drilling"],
           eid="e-no", date="2024-05-07"),
    ]
    (p,) = group_positions(mentions, ARTICLES, {"e-no": "Norway"})
    assert (p.actor, p.actor_entity_id, p.stance, p.date) == ("Norway", "e-no", "offer",
                                                              "2024-05-06")
    # the copy in Harbour Post is the Baltic Times report, not a source of its own
    assert p.sources == ["Baltic Times", "Nordic Wire"]
    assert p.reports == 2
    assert p.article_ids == ["a1", "a2", "a3"]
    assert [m["article_id"] for m in p.mentions] == ["a1", "a2", "a3"]
    assert p.first_reported == "2024-05-06"


def test_a_move_over_time_reads_as_one_history():
    mentions = [
        _m(0, "a4", "Norway", "reject", "moratorium", ["moratorium"], eid="e-no",
           date="2024-05-09"),
        _m(0, "a1", "Norway", "offer", "moratorium on drilling", ["moratorium", "drilling"],
           eid="e-no", date="2024-05-06"),
        _m(1, "a2", "Norway", "offer", "drilling moratorium", ["moratorium", "drilling"],
           eid="e-no", date="2024-05-07"),
    ]
    offer, reject = group_positions(mentions, ARTICLES)
    assert (offer.stance, reject.stance) == ("offer", "reject")
    history = [(h["stance"], h["article_ids"]) for h in reject.history]
    assert history == [("offer", ["a1", "a2"]), ("reject", ["a4"])]
    assert offer.history == reject.history


def test_actors_by_entity_a_name_taking_the_id_another_mention_gives():
    mentions = [
        _m(0, "a1", "Norway", "demand", "ceasefire", ["ceasefire"], eid="e-no"),
        _m(0, "a2", "Norway", "demand", "truce", ["ceasefire"]),  # no entity id here
        _m(1, "a2", "Sweden", "demand", "ceasefire", ["ceasefire"], eid="e-se"),
    ]
    got = {(p.actor_entity_id, len(p.mentions)) for p in group_positions(mentions, ARTICLES)}
    assert got == {("e-no", 2), ("e-se", 1)}


def test_different_issues_and_stances_stay_apart():
    mentions = [
        _m(0, "a1", "Norway", "demand", "NATO membership", ["membership", "nato"], ["nato"]),
        _m(1, "a1", "Norway", "demand", "EU membership", ["membership", "eu"], ["eu"]),
        _m(2, "a1", "Norway", "reject", "NATO membership", ["membership", "nato"], ["nato"]),
    ]
    got = sorted((p.stance, p.issue) for p in group_positions(mentions, ARTICLES))
    assert got == [("demand", "EU membership"), ("demand", "NATO membership"),
                   ("reject", "NATO membership")]


def test_mentions_of_articles_outside_the_story_are_left_out():
    mentions = [_m(0, "zz", "Norway", "demand", "ceasefire", ["ceasefire"])]
    assert group_positions(mentions, ARTICLES) == []


def test_sides_of_people_from_their_roles():
    from storyline.positions.sides import role_country, side_of

    assert role_country("Ukraine's President") == "UA"
    assert role_country("head of the Russian team") == "RU"
    assert role_country("a Ukrainian negotiator") == "UA"
    assert role_country("regional governor") is None
    assert role_country("Russian envoy to Ukraine") is None  # two countries: not said
    assert side_of(["presidential aide", "Russia's chief negotiator", "Russian negotiator"]) \
        == "RU"
    assert side_of(["minister"]) is None


def test_a_side_is_carried_on_each_position():
    mentions = [_m(0, "a1", "Ada Holm", "offer", "truce", ["ceasefire"], eid="e-ah")]
    (p,) = group_positions(mentions, ARTICLES, sides={"e-ah": ("Norway", "e-no")})
    assert (p.side, p.side_entity_id) == ("Norway", "e-no")

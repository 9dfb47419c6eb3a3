"""The geocoder's context scoring compares a reading with every other place of the
article and its story; whether the reading's name is also a region of its own country
(then nothing "points" to it) depends on the name alone, so it is looked up in the
gazetteer once per name, not once per pair of places compared. Same answers either way."""

from __future__ import annotations

from storyline.enrich.places.gazetteer import Gazetteer, Place, norm_name
from storyline.enrich.places.geocode import Geocoder


def _gazetteer() -> Gazetteer:
    places = [
        Place("Lakeside", 40.0, -90.0, "city", "US", "Ohio", 20_000, 1),
        Place("Ohio", 40.3, -82.8, "admin1", "US", None, 11_000_000, 2),
        Place("Lakeside", 41.0, -81.0, "admin1", "US", None, 500_000, 3),  # a region too
    ] + [Place(f"Town {i}", 30.0 + i, -100.0 - i, "city", "US", "Texas", 5_000, 10 + i)
         for i in range(20)]
    index: dict[str, tuple[int, ...]] = {}
    for i, p in enumerate(places):
        index.setdefault(norm_name(p.name), ())
        index[norm_name(p.name)] += (i * 2,)
    return Gazetteer(places=places, index=index, countries={})


def test_a_name_is_looked_up_once_however_many_places_it_is_compared_with():
    g = _gazetteer()
    calls: list[str] = []
    real = g.lookup

    def counting(name: str) -> list[tuple[Place, bool]]:
        calls.append(name)
        return real(name)

    g.lookup = counting  # type: ignore[method-assign]
    geo = Geocoder(gazetteer=g)
    city, others = g.places[0], g.places[3:]
    first = geo.agreement(city, others, country=False)
    second = geo.agreement(city, others, country=False)
    assert calls == ["Lakeside"]  # 40 comparisons, one look-up
    assert first == second == 0.0  # a town named like a region of its own country: no pointer
    plain = Place("Elmwood", 30.01, -100.01, "city", "US", "Texas", 20_000, 99)
    assert geo.agreement(plain, others, country=False) > 0  # a town next to it points to it


# -- distances: the latitude bound ------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from storyline.enrich.places.geocode import km, km_below  # noqa: E402

_LAT = st.floats(min_value=-90, max_value=90, allow_nan=False)
_LON = st.floats(min_value=-180, max_value=180, allow_nan=False)


@settings(max_examples=2000, deadline=None)
@given(_LAT, _LON, _LAT, _LON, st.sampled_from([1.0, 50.0, 150.0, 250.0, 1000.0]),
       st.floats(min_value=-3, max_value=3, allow_nan=False))
def test_the_latitude_bound_skips_only_pairs_at_or_over_the_limit(lat1, lon1, lat2, lon2,
                                                                   limit, nudge):
    a = Place("A", lat1, lon1, "city", "US", None, 1, 1)
    # half the draws put the second place near the bound, where rounding could matter
    b = Place("B", lat2 if nudge > 0 else
              max(-90.0, min(90.0, lat1 + (limit / 111.19) + nudge / 111.19)),
              lon2, "city", "US", None, 1, 2)
    d = km_below(a, b, limit)
    if d is None:
        assert km(a, b) >= limit  # what the scoring asks: never under the limit
    else:
        assert d == km(a, b)  # the same float


def test_far_apart_in_latitude_is_never_near_close_is_measured():
    a = Place("A", 10.0, 20.0, "city", "US", None, 1, 1)
    assert km_below(a, Place("B", 13.0, 20.0, "city", "US", None, 1, 2), 250.0) is None
    near = Place("C", 11.0, 21.0, "city", "US", None, 1, 3)
    assert km_below(a, near, 250.0) == km(a, near) < 250.0
    # same latitude, far in longitude: measured (the bound says nothing), and far
    east = Place("D", 10.0, 60.0, "city", "US", None, 1, 4)
    assert km_below(a, east, 250.0) == km(a, east) > 250.0

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

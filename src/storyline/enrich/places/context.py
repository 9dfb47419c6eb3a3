"""A story's places as geocoding context, the same wherever an article is read.

The enrich stage geocodes an article's place names with the places its story's other
articles were resolved to (see :func:`storyline.enrich.persist.story_places`, which reads
them from the store). A worker that reads several articles of one story, in publish
order, adds each article's places to the context of the next (:func:`places_written`),
so that it reads them as the writer would have, one after the other; the writer checks
the context again when it applies the result. Both sides put the places in one order
(:func:`in_context_order`): the geocoder is given the same sequence either way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from storyline.enrich.entities.names import clean_surface
from storyline.enrich.places.gazetteer import Place
from storyline.enrich.places.mentions import PLACE_LABELS, display_name, place_of
from storyline.records import EntityMention, MentionKey


def stored_form(name: str, lat: float, lon: float, feature: str | None, cc: str | None,
                geonameid: int | None) -> Place:
    """A place as a stored entity gives it back: the entity's name and coordinates, no
    admin1 or population."""
    return Place(name, lat, lon, feature or "city", cc, None, 0, geonameid)


def _order(p: Place) -> tuple[int, str, float, float, str, str]:
    return (p.geonameid if p.geonameid is not None else -1, p.name, p.lat, p.lon, p.feature,
            p.cc or "")


def in_context_order(places: Iterable[Place]) -> list[Place]:
    """Distinct places in the one order the geocoder is given them."""
    return sorted(set(places), key=_order)


def places_written(mentions: Sequence[EntityMention]) -> set[Place]:
    """The places an article's resolved place mentions are stored as (what
    ``story_places`` reads back for the story's next article)."""
    by_key: dict[MentionKey, list[str]] = {}
    for m in mentions:
        if m.key.label in PLACE_LABELS and m.key.place is not None:
            by_key.setdefault(m.key, []).append(clean_surface(m.text))
    out: set[Place] = set()
    for key, surfaces in by_key.items():
        place = place_of(key)
        if place is not None:
            out.add(stored_form(display_name(place, surfaces), place.lat, place.lon,
                                place.feature, place.cc, place.geonameid))
    return out


def with_earlier(context: Sequence[Place], earlier: Iterable[Place]) -> tuple[Place, ...]:
    """An article's context (its story's places stored) with the places of the story's
    earlier articles read but not yet stored."""
    return tuple(in_context_order([*context, *earlier]))

"""Place mentions: geocoding an article's GPE/LOC names with its story as context."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from sqlalchemy import Connection, select

from storyline.enrich.places.gazetteer import Place, load_gazetteer
from storyline.enrich.places.geocode import Geocoder
from storyline.records import Article
from storyline.settings import GeoSettings
from storyline.store import schema as S

PLACE_LABELS = {"GPE", "LOC"}
# the entity type of a resolved place comes from the gazetteer, not the NER label
FEATURE_TYPE = {"region": "LOC", "sea": "LOC", "continent": "LOC"}


@lru_cache(maxsize=4)
def geocoder(settings: GeoSettings | None = None) -> Geocoder:
    return Geocoder(settings)


@lru_cache(maxsize=1)
def _place_index() -> dict[int, int]:
    return {id(p): i for i, p in enumerate(load_gazetteer().places)}


def geocode_mentions(names: Sequence[str], context: Sequence[Place] = (),
                     settings: GeoSettings | None = None,
                     within: Sequence[tuple[str, str]] = ()) -> dict[str, Place | None]:
    """Each place name of one article -> its place (None: not in the gazetteer).
    ``within``: (place, container) pairs written "Tyler, Texas"."""
    if not names:
        return {}
    return geocoder(settings).resolve(names, context, within)


def place_key(label: str, surface: str, place: Place | None) -> str:
    """The article-local key of a place mention: the gazetteer place, or '?name'."""
    if place is None:
        return f"{label}:?{surface}"
    return f"{FEATURE_TYPE.get(place.feature, 'GPE')}:@{_place_index()[id(place)]}"


def place_of_key(key: str) -> Place | None:
    _, _, rest = key.partition(":")
    if not rest.startswith("@"):
        return None
    try:
        return load_gazetteer().places[int(rest[1:])]
    except (ValueError, IndexError):
        return None


def story_places(conn: Connection, article: Article) -> list[Place]:
    """Geocoded places already stored for the other articles of ``article``'s story."""
    if not article.story_id:
        return []
    rows = conn.execute(
        select(S.entities.c.name, S.entities.c.lat, S.entities.c.lon, S.entities.c.feature,
               S.entities.c.country, S.entities.c.geonameid)
        .join(S.entity_mentions, S.entity_mentions.c.entity_id == S.entities.c.id)
        .join(S.articles, S.articles.c.id == S.entity_mentions.c.article_id)
        .where(S.articles.c.story_id == article.story_id, S.articles.c.id != article.id,
               S.entities.c.lat.is_not(None))
        .distinct()
    ).all()
    return [Place(r.name, r.lat, r.lon, r.feature or "city", r.country, None, 0, r.geonameid)
            for r in rows]

"""Place mentions: geocoding an article's GPE/LOC names with its story as context, the
article-local key of a place mention, and the name to show for a place."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from storyline.enrich.places.gazetteer import Place, load_gazetteer
from storyline.enrich.places.geocode import Geocoder
from storyline.records import MentionKey
from storyline.settings import GeoSettings

PLACE_LABELS = {"GPE", "LOC"}
# the entity type of a resolved place comes from the gazetteer, not the NER label
FEATURE_TYPE = {"region": "LOC", "sea": "LOC", "continent": "LOC"}


@lru_cache(maxsize=4)
def geocoder(settings: GeoSettings | None = None) -> Geocoder:
    return Geocoder(settings)


def geocode_mentions(names: Sequence[str], context: Sequence[Place] = (),
                     settings: GeoSettings | None = None,
                     within: Sequence[tuple[str, str]] = ()) -> dict[str, Place | None]:
    """Each place name of one article -> its place (None: not in the gazetteer).
    ``within``: (place, container) pairs written "Tyler, Texas"."""
    if not names:
        return {}
    return geocoder(settings).resolve(names, context, within)


def place_key(label: str, surface: str, place: Place | None) -> MentionKey:
    """The article-local key of a place mention: the gazetteer place (its type from the
    gazetteer, not the recogniser), or the name as written when it is not in the gazetteer."""
    if place is None:
        return MentionKey(label, surface)
    return MentionKey(FEATURE_TYPE.get(place.feature, "GPE"), place.name,
                      load_gazetteer().place_index(place))


def place_of(key: MentionKey) -> Place | None:
    """The gazetteer place of a mention key (None: not a resolved place)."""
    if key.place is None:
        return None
    try:
        return load_gazetteer().places[key.place]
    except IndexError:
        return None


_TRANSLIT_MARKS = re.compile(r"['ʼʹ’`]")


def display_name(place: Place, surfaces: Sequence[str]) -> str:
    """The gazetteer's name, unless it carries transliteration marks ("Homyel'") and the
    article writes the place another way the gazetteer also knows ("Gomel")."""
    if not _TRANSLIT_MARKS.search(place.name):
        return place.name
    g = load_gazetteer()
    known = [s for s in surfaces if not _TRANSLIT_MARKS.search(s)
             and any(p is place for p, _ in g.lookup(s))]
    return Counter(known).most_common(1)[0][0] if known else place.name

"""Offline toponym resolution: place names -> GeoNames places, by context and population.

All mentions of one article (plus the story's places, when known) are resolved
together. Each distinct name gets candidates from the gazetteer; a candidate's score is
a prior for its kind (country, state, county, city by population) plus bonuses for
agreeing with the other names' current choices: same country, same first-level region,
or near them. Choices are re-scored a few rounds until they settle. Weights live in
:class:`storyline.settings.GeoSettings`, tuned with ``storyline eval geo``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from storyline.enrich.places.gazetteer import Gazetteer, Place, km_latlon, load_gazetteer, norm_name
from storyline.settings import GeoSettings
from storyline.wordlists import word_list

_DIRECTION = re.compile(
    r"^(?:(?:north|south|east|west|central|north[- ]?east|north[- ]?west|south[- ]?east|"
    r"south[- ]?west)(?:ern)?|mid|upper|lower|greater|downtown|rural|coastal)\s+",
    re.IGNORECASE,
)
_POSSESSIVE = re.compile(r"['’]s?$")
ADMIN1_TIE_BREAK = 0.001  # per log10 of population: breaks ties, decides nothing else


@dataclass(frozen=True, slots=True)
class Candidate:
    place: Place
    alt: bool  # matched an alternate name
    prior: float


@cache
def _kind_suffix() -> re.Pattern[str]:
    """A kind word ending a place name ("Kharkiv oblast"): ``data/words/place_kinds.txt``."""
    kinds = "|".join(re.escape(k) for k in word_list("place_kinds"))
    return re.compile(r"\s+(?:" + kinds + r")$", re.IGNORECASE)


def name_variants(name: str) -> list[str]:
    """The name, then forms without a possessive, a direction word or a kind word."""
    suffix = _kind_suffix()
    out = [name.strip()]
    base = _POSSESSIVE.sub("", out[0])
    for form in (base, _DIRECTION.sub("", base), suffix.sub("", base),
                 suffix.sub("", _DIRECTION.sub("", base))):
        if form and form not in out:
            out.append(form)
    return out


def contained(inner: Sequence[Candidate], outer: Sequence[Candidate]) -> list[Candidate]:
    """The candidates of ``inner`` that lie in a region or country among ``outer``'s."""
    regions = {(c.place.cc, c.place.name) for c in outer if c.place.feature == "admin1"}
    countries = {c.place.cc for c in outer if c.place.feature == "country"}
    return [c for c in inner if c.place.feature != "country" and (
        (c.place.cc, c.place.admin1) in regions or c.place.cc in countries)]


def containment_pairs(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[str, str]]:
    """(place, container) pairs of place spans written "Tyler, Texas" / "Paris, Tenn." (or
    "Athens , Greece" in tokenised text)."""
    order = sorted(spans)
    out = []
    for (s1, e1), (s2, e2) in zip(order, order[1:], strict=False):
        if text[e1:s2].strip(" ") == ",":  # ", " and, in tokenised text, " , "
            out.append((text[s1:e1], text[s2:e2]))
    return out


def _names_it(surface: str, place: Place) -> bool:
    """The place's own name is the surface, or starts with it ("Frankfurt" of "Frankfurt am
    Main")."""
    own, key = norm_name(place.name), norm_name(surface)
    return own == key or own.startswith(key + " ")


def _not_rewritten(surface: str, found: list[tuple[Place, bool]]) -> list[tuple[Place, bool]]:
    """A name is never rewritten into another place's name: a place that has the surface
    only as an alternate spelling of a different name ("Frankfurt" listed for Frankfort,
    Kentucky) is dropped when a more populous city is called by the surface itself. "Kiev"
    stays Kyiv: no city that big is called Kiev."""
    own = [p.population for p, _ in found if p.feature == "city" and _names_it(surface, p)]
    if not own:
        return found
    top = max(own)
    return [(p, alt) for p, alt in found if _names_it(surface, p) or p.feature != "city"
            or p.population >= top]


def cs_places(cs: Sequence[Candidate]) -> list[Place]:
    return [c.place for c in cs]


def km(a: Place, b: Place) -> float:
    """Great-circle distance between two places in kilometres."""
    return km_latlon(a.lat, a.lon, b.lat, b.lon)


# kilometres per degree of latitude: no path between two latitudes is shorter than the
# meridian arc between them, so |lat a - lat b| * this is a lower bound of km(a, b)
KM_PER_DEGREE = 6371.0 * math.pi / 180.0


def km_below(a: Place, b: Place, limit: float) -> float | None:
    """``km(a, b)`` when it may be below ``limit``; None when their latitudes alone put them
    further apart (by over a kilometre, far beyond rounding): the same answer to "is it
    under ``limit``, and by how much" without the trigonometry for most pairs of places."""
    if abs(a.lat - b.lat) * KM_PER_DEGREE > limit + 1.0:
        return None
    return km(a, b)


def _under(a: Place, b: Place, limit: float) -> bool:
    d = km_below(a, b, limit)
    return d is not None and d < limit


class Geocoder:
    def __init__(self, settings: GeoSettings | None = None, gazetteer: Gazetteer | None = None):
        self.s = settings or GeoSettings()
        self.g = gazetteer or load_gazetteer()
        self._region_names: dict[tuple[str, str | None], bool] = {}

    def prior(self, place: Place, alt: bool) -> float:
        s = self.s
        base = {
            "country": s.country_prior,
            "admin1": s.admin1_prior,
            "admin2": s.admin2_prior,
            "continent": s.region_prior,
            "region": s.region_prior,
            "sea": s.region_prior,
        }.get(place.feature)
        if base is None:  # a city: by population
            base = s.pop_weight * math.log10(place.population + 10)
        elif place.feature == "admin2":  # counties: bigger ones first among namesakes
            base += s.admin2_pop_weight * math.log10(place.population + 10)
        elif place.feature == "admin1":
            # a tie among namesake regions goes to the more populous: "Florida" alone is the
            # US state, not the municipality region of Puerto Rico listed first
            base += ADMIN1_TIE_BREAK * math.log10(place.population + 10)
        return base - (s.alt_penalty if alt else 0.0)

    def candidates(self, name: str) -> list[Candidate]:
        for i, form in enumerate(name_variants(name)):
            found = self.g.lookup(form)
            if found:
                penalty = self.s.variant_penalty if i else 0.0
                out = [Candidate(p, alt, self.prior(p, alt) - penalty)
                       for p, alt in _not_rewritten(form, found)]
                # a sea's or a continent's own name is that sea or continent ("North Sea":
                # not the hamlet on Long Island, whatever the story's other places)
                wide = [c for c in out if c.place.feature in ("sea", "continent") and not c.alt]
                return self._seats(wide or out)
        return []

    def _contenders(self, cands: list[Candidate]) -> list[Candidate]:
        """Candidates context may still pick: within ``max_prior_gap`` of the best prior
        (a town of 10,000 does not take "London" from a city of 9 million)."""
        if not cands:
            return cands
        top = max(c.prior for c in cands)
        return [c for c in cands if c.prior >= top - self.s.max_prior_gap]

    def _seats(self, cands: list[Candidate]) -> list[Candidate]:
        """A region named after its big city ("Kharkiv" oblast, "Kiev" region) scores
        below that city: in news the bare name is the city."""
        cities = [c for c in cands if c.place.feature == "city"
                  and c.place.population >= self.s.seat_population]
        if not cities:
            return cands
        out = []
        for c in cands:
            if c.place.feature in ("admin1", "admin2"):
                seat = [t for t in cities if t.place.cc == c.place.cc
                        and (t.place.admin1 == c.place.admin1 or km(t.place, c.place) < 150)]
                if seat:
                    c = Candidate(c.place, c.alt, min(c.prior, max(t.prior for t in seat) - 0.01))
            out.append(c)
        return out

    def resolve(
        self,
        names: Iterable[str],
        context: Sequence[Place] = (),
        within: Iterable[tuple[str, str]] = (),
    ) -> dict[str, Place | None]:
        """Each distinct name -> its place (None when the gazetteer has no such name).

        ``context`` holds places known from elsewhere (the story's other articles); they
        vote like the article's own names but are not resolved again. ``within`` holds
        (place, container) name pairs written "Tyler, Texas": the place must lie in one
        of the container's candidate regions or countries when any of its candidates does.
        """
        keys: dict[str, str] = {}
        raw: dict[str, str] = {}
        for n in names:
            keys.setdefault(norm_name(n), n)
            raw[n] = norm_name(n)
        cands = {k: self._contenders(self.candidates(n)) for k, n in keys.items()}
        for inner, outer in within:
            ki, ko = norm_name(inner), norm_name(outer)
            if ki in cands and ko in cands and ki != ko:
                likeliest = max(cands[ki], key=lambda c: c.prior, default=None)
                if likeliest is not None and likeliest.place.feature == "country":
                    continue  # "and Italy, US President ...": a country lies in no other place
                cands[ki] = contained(cands[ki], cands[ko]) or cands[ki]
        # readings near their name's most prominent one: only these point to a namesake
        # (the upstate-New-York Amsterdam, Athens and Cairo do not point to one another)
        prominent = {id(c.place) for cs in cands.values() if cs
                     for c in cs if max(x.prior for x in cs) - c.prior <= self.s.country_pull_gap}
        prominent |= {id(p) for p in context}
        choice = self._soft_start(cands, context, prominent)
        by_context = [[(p, 1.0)] for p in context]  # each a group of one, made once
        for _ in range(self.s.rounds):
            changed = False
            for k, cs in cands.items():
                if len(cs) < 2:
                    continue
                # each other place votes once, however many spellings name it
                others = [[(p, 1.0)] for p in {
                    id(c.place): c.place for o, c in choice.items()
                    if o != k and c is not None and c.place not in cs_places(cs)}.values()]
                others.extend(by_context)
                top = max(c.prior for c in cs)
                best = max(cs, key=lambda c: c.prior + self.agreement_of_groups(
                    c.place, others, country=top - c.prior <= self.s.country_pull_gap,
                    pointers=prominent))
                if best is not choice[k]:
                    choice[k], changed = best, True
            if not changed:
                break
        return {n: (c.place if (c := choice[k]) and self._supported(c.place, k, choice, context)
                    else None) for n, k in raw.items()}

    def _supported(self, place: Place, key: str, choice: dict[str, Candidate | None],
                   context: Sequence[Place]) -> bool:
        """A city under ``tiny_population`` is not read when the text's (or the story's)
        other places all lie in other countries: a name that is nothing but a small town on
        the other side of the world is a word ("Britannia"), a surname, a company or a
        place the gazetteer lacks (an airport)."""
        if place.feature != "city" or place.population >= self.s.tiny_population:
            return True
        others = [c.place for o, c in choice.items() if c is not None and o != key]
        others += list(context)
        # alone in its text it stays, and beside a country only ("a soldier from X killed
        # in Iraq"): towns or regions of other countries, none of its own, make it stray
        return any(p.cc == place.cc for p in others) or \
            not any(p.cc and p.feature != "country" for p in others)

    def _soft_start(self, cands: dict[str, list[Candidate]], context: Sequence[Place],
                    prominent: set[int]) -> dict[str, Candidate | None]:
        """First choices, each against every plausible reading of the other names
        (candidates within ``support_gap`` of their best prior, weighted down the further
        below it they are), so that two ambiguous names that fit together ("Paris" and
        "Henry County", both in Tennessee) pick each other rather than each its most
        populous namesake."""
        gap = max(self.s.support_gap, 1e-9)
        plausible: dict[str, list[tuple[Place, float]]] = {}
        for k, cs in cands.items():
            if cs:
                top = max(c.prior for c in cs)
                best = sorted((c for c in cs if c.prior >= top - self.s.support_gap),
                              key=lambda c: -c.prior)[: self.s.support_top]
                plausible[k] = [(c.place, 1.0 - (top - c.prior) / gap) for c in best]
        out: dict[str, Candidate | None] = {}
        by_context = [[(p, 1.0)] for p in context]
        for k, cs in cands.items():
            if len(cs) < 2:
                out[k] = cs[0] if cs else None
                continue
            mine = set(cs_places(cs))
            groups = [[pw for pw in ps if pw[0] not in mine] for o, ps in plausible.items()
                      if o != k]
            groups = [g for g in groups if g] + by_context
            top = max(c.prior for c in cs)
            out[k] = max(cs, key=lambda c: c.prior + self.agreement_of_groups(
                c.place, groups, country=top - c.prior <= self.s.country_pull_gap,
                pointers=prominent))
        return out

    def _points_to(self, o: Place, place: Place) -> bool:
        """``o`` (of ``place``'s country) names where ``place`` is: its first-level region,
        a county of that region near it; for a region, a place inside it or another region
        (a list of states). A big city nearby is not such a pointer: Amsterdam, New York and
        Paris, Illinois are near New York City and Chicago, Amsterdam and Paris are not."""
        if place.feature in ("city", "admin2"):
            if self._named_like_a_region(place.name, place.cc):
                # "England and Wales" (and Leicestershire) is two regions, not pointers to
                # England's village Wales: a town named like a region of its own country
                # is never pointed to
                return False
            if o.feature == "admin1":
                return o.name == place.admin1
            if o.feature == "admin2":
                return o.admin1 == place.admin1 and _under(o, place, self.s.near_km)
            # a neighbouring town, not a metropolis a hundred times its size
            return o.feature == "city" and _under(o, place, self.s.near_km) and \
                o.population <= self.s.pointer_population_ratio * max(place.population, 1000)
        if place.feature == "admin1":
            return o.feature == "admin1" or o.admin1 == place.name
        return False

    def _named_like_a_region(self, name: str, cc: str | None) -> bool:
        """Whether a first-level region of country ``cc`` is called ``name`` (its main
        name); asked once per name and country, not for every pair of places compared."""
        key = (name, cc)
        known = self._region_names.get(key)
        if known is None:
            known = self._region_names[key] = any(
                p.feature == "admin1" and p.cc == cc and not alt for p, alt in self.g.lookup(name))
        return known

    def agreement(self, place: Place,
                  others: Sequence[Place] | Sequence[list[tuple[Place, float]]],
                  country: bool = True, pointers: set[int] | None = None) -> float:
        """Bonus for agreeing with the other places of the article/story.

        ``others``: places, or groups of weighted places (the plausible readings of one
        name); a group supports a country, region or neighbourhood with the weight of its
        best reading there. ``country`` False (a reading far less prominent than the name's
        best, see ``GeoSettings.country_pull_gap``): no bonus at all unless a place of the
        text points to it (:meth:`_points_to`; with ``pointers``, only those places, by
        ``id``, may point: the readings near their own name's most prominent): "Paris" among other US places is still
        Paris, France; "Paris" with "Tennessee" or "Henry County" is Paris, Tennessee, and
        "Paris, Texas" is restricted to Texas before scoring.
        """
        return self.agreement_of_groups(
            place, [g if isinstance(g, list) else [(g, 1.0)] for g in others], country,
            pointers)

    def agreement_of_groups(self, place: Place, groups: Sequence[list[tuple[Place, float]]],
                            country: bool = True, pointers: set[int] | None = None) -> float:
        """:meth:`agreement` with every other place given as a group (a place alone: a
        group of one with weight 1), so that the story's places are made groups once per
        resolution, not once per reading scored."""
        if not groups:
            return 0.0
        s = self.s
        a1 = place.admin1 or (place.name if place.feature == "admin1" else None)
        n_cc = 0.0
        w_a1 = 0.0
        near_best = 0.0
        local = place.feature in ("city", "admin2")
        pointer = False  # a place that points to this one: its region or county, or for a
        # region a place inside it or another region of its country (a list of states)
        for g in groups:
            w_cc = 0.0
            for o, w in g:
                if place.cc and o.cc == place.cc:
                    w_cc = max(w_cc, w)
                    oa1 = o.admin1 or (o.name if o.feature == "admin1" else None)
                    if a1 and oa1 == a1:
                        w_a1 = max(w_a1, w)
                    if not country and not pointer and (pointers is None or id(o) in pointers):
                        pointer = self._points_to(o, place)
                if local and o.feature in ("city", "admin2"):
                    d = km_below(place, o, s.near_km)
                    if d is not None and d < s.near_km:
                        near_best = max(near_best, w * (1.0 - d / s.near_km))
            n_cc += w_cc
        if not country and not pointer:
            return 0.0  # a far less prominent namesake that nothing in the text points to
        nearer = s.ctx_admin1 * w_a1 + s.ctx_near * near_best
        bonus = s.ctx_country * min(1.0, n_cc / s.ctx_country_saturation)
        if place.feature == "country":
            bonus += s.ctx_contains * min(1.0, n_cc / s.ctx_country_saturation)
        return bonus + nearer

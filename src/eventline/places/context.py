"""The run's context: where a batch's confidently placed mentions lie.

Analysts bring a corpus about one conflict. A village name that several
places share (a Garin Kowa in Nigeria and one in Niger, two Tal Marwans in
Syria and Iraq) is often told with nothing in the
article to choose by; the rest of the batch knows where the conflict is. A
first, gazetteer-only reading of every article (:func:`context_evidence`)
keeps the places it settles without guessing: names with one reading in the
gazetteer, and namesakes the article itself decides (a qualifier, a district
in brackets, nearby places). :func:`build_context` bins those points into a
:class:`RunContext`, and :func:`eventline.places.find_places` re-reads only
the names chosen *by default* among namesakes, taking the namesake where the
run's density is clearly highest.

Every mention records the basis of its choice (``PlaceMention.basis``):
``unique`` (one reading), ``article`` (the article decided), ``run`` (the run's
context decided), ``default`` (nothing decided: the prior, population and
feature class, picked). The context is a count of points per grid cell, so it
does not depend on the order of the articles nor on the engine; it is built
from every stored article's evidence (this run's and earlier ones'), so an
interrupted run resumes to the same choices.

Example (``gaz`` a loaded gazetteer)::

    >>> ctx = build_context([[(14.5, -4.2, "ML")], [(14.55, -4.1, "ML")], [(14.6, -4.2, "ML")]])
    >>> round(ctx.density(14.5, -4.2, "ML"), 1), ctx.density(14.5, -4.0, "BF")
    (2.9, 0.0)
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..geo import haversine_km

# grid cells of a quarter degree (about 28 km): fine enough for a district, coarse
# enough that a batch of thousands of articles bins into a few hundred cells
_CELL = 0.25
# the kernel's width: a Sahel district spans 100-200 km
_SIGMA_KM = 60.0
_REACH_KM = 3 * _SIGMA_KM


@dataclass(frozen=True, slots=True)
class RunContext:
    """Confident points of a batch, counted per grid cell (sorted: one batch, one value)."""

    # (country code, lat cell, lon cell, points)
    cells: tuple[tuple[str, int, int, int], ...] = ()
    points: int = 0
    # the cells by (country, latitude row), None for every country, built on first use: a
    # batch bins into hundreds of cells and a density looks at the few rows around one
    # point (scanning them all was slow)
    _rows: dict[tuple[str | None, int], list[tuple[int, int, int, int]]] | None = field(
        default=None, init=False, repr=False, compare=False)

    def density(self, lat: float, lon: float, country_code: str = "") -> float:
        """Kernel-weighted number of the batch's confident points near (lat, lon), of
        ``country_code`` only when given.

        A point on top counts 1, one ``_SIGMA_KM`` away about 0.6, past
        ``_REACH_KM`` nothing. By country, because a border is where namesakes
        meet: a batch about the Malian side of it says little for the village
        of that name across the border.
        """
        span = int(math.ceil(_REACH_KM / 111.0 / _CELL)) + 1
        ci, cj = int(math.floor(lat / _CELL)), int(math.floor(lon / _CELL))
        rows = self._rows
        if rows is None:
            rows = {}
            for pos, (cc, i, j, n) in enumerate(self.cells):
                rows.setdefault((cc, i), []).append((pos, i, j, n))
                rows.setdefault((None, i), []).append((pos, i, j, n))
            object.__setattr__(self, "_rows", rows)
        # the cells within reach, summed in the order of ``cells`` (the same float total)
        near = sorted(c for i in range(ci - span, ci + span + 1)
                      for c in rows.get((country_code or None, i), ()))
        total = 0.0
        for _pos, i, j, n in near:
            if abs(j - cj) > 2 * span:
                continue
            d = haversine_km(lat, lon, (i + 0.5) * _CELL, (j + 0.5) * _CELL)
            if d <= _REACH_KM:
                total += n * math.exp(-0.5 * (d / _SIGMA_KM) ** 2)
        return total


    def country_share(self, country_code: str) -> float:
        """The share of the batch's confident points that lie in ``country_code`` (0..1)."""
        if not self.points:
            return 0.0
        return sum(n for cc, _i, _j, n in self.cells if cc == country_code) / self.points


def build_context(evidence: Iterable[Iterable[tuple[float, float, str]]]) -> RunContext:
    """A :class:`RunContext` from each article's confident points (:func:`context_evidence`).

    An article counts each cell once, so one long article listing twenty villages
    of one district does not outweigh twenty short reports from elsewhere.
    """
    counts: Counter[tuple[str, int, int]] = Counter()
    for points in evidence:
        counts.update({(cc, int(math.floor(lat / _CELL)), int(math.floor(lon / _CELL)))
                       for lat, lon, cc in points})
    return RunContext(cells=tuple((cc, i, j, n) for (cc, i, j), n in sorted(counts.items())),
                      points=sum(counts.values()))


__all__ = ["RunContext", "build_context"]

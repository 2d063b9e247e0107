"""Write the shipped admin tables from GeoNames country dumps (deterministic).

    python scripts/admin_tables.py [GEONAMES_DIR] [--out src/eventline/data]
    make admin-tables

GEONAMES_DIR holds GeoNames ``XX.txt`` country dumps (default ``../shared/geonames``).
Two files are written, both derived from GeoNames (CC BY 4.0, geonames.org):

- ``places_admin_units.csv``: every ADM2 and ADM3 feature of the dumps, and the ADM1
  features whose code ``places_admin1.csv`` lacks, by code, with the name as ACLED
  writes divisions (accents and unit words dropped: "Cercle de Bourem" -> "Bourem",
  "Province du Soum" -> "Soum", "Département de Téra" -> "Tera");
- ``places_admin2_points.csv``: the points that decide which second-level unit a place
  without a code lies in. Each unit's seat, plus the populated places GeoNames gives an
  admin2 code (and the second-level seats it does not, in the unit named after them),
  grouped by first-level code and thinned by Hart's condensed
  nearest-neighbour rule: a point is kept only when the points kept so far would put it
  in the wrong unit, so every labelled place is still classified as GeoNames codes it
  (the gazetteer's :func:`eventline.gazetteer.admin2_code_at` reads the same points the
  same way), at a fraction of the rows.
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from eventline.gazetteer import admin_name, nearest_label, variant_key  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
Point = tuple[float, float, str]


def read_dump(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8") as fh:
        return [f for f in (line.rstrip("\n").split("\t") for line in fh) if len(f) == 19]


def condense(points: list[Point], seats: list[Point]) -> list[Point]:
    """Hart's condensed nearest neighbour: the seats, then each point the kept ones misplace."""
    kept = list(seats)
    rest = sorted(set(points) - set(seats), key=lambda p: (p[2], p[0], p[1]))
    changed = True
    while changed:
        changed = False
        for p in rest:
            if p in kept:
                continue
            if nearest_label(kept, p[0], p[1]) != p[2]:
                kept.append(p)
                changed = True
    return kept


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("geonames", nargs="?", default=str(ROOT.parent / "shared" / "geonames"))
    ap.add_argument("--out", default=str(ROOT / "src" / "eventline" / "data"))
    args = ap.parse_args(argv)
    out = Path(args.out)
    with open(out / "places_admin1.csv", encoding="utf-8") as fh:
        known_admin1 = {(r["country_code"], r["admin1_code"]) for r in csv.DictReader(fh)}
    units: list[tuple[str, int, str, str, str, str, float, float]] = []
    points: list[tuple[str, str, float, float, str]] = []
    for dump in sorted(Path(args.geonames).glob("[A-Z][A-Z].txt")):
        rows = read_dump(dump)
        adm2 = {f[11] for f in rows if f[7] == "ADM2" and f[11]}
        groups: dict[tuple[str, str], list[Point]] = defaultdict(list)
        seats: dict[tuple[str, str], list[Point]] = defaultdict(list)
        # a second-level seat (PPLA2) without a code is in the unit named after it in its
        # first-level unit ("Koro" in the Koro cercle)
        named = {(f[8], f[10], variant_key(admin_name(f[1]))): f[11]
                 for f in rows if f[7] == "ADM2" and f[11]}
        for f in rows:
            if f[7] == "PPLA2" and not f[11]:
                f[11] = named.get((f[8], f[10], variant_key(f[1])), "")
        for f in rows:
            cc, a1, a2, a3 = f[8], f[10], f[11], f[12]
            lat, lon = round(float(f[4]), 4), round(float(f[5]), 4)
            if f[7] == "ADM1" and (cc, a1) not in known_admin1:
                units.append((cc, 1, a1, "", "", admin_name(f[1]), lat, lon))
            elif f[7] == "ADM2" and a2:
                units.append((cc, 2, a1, a2, "", admin_name(f[1]), lat, lon))
                seats[(cc, a1)].append((lat, lon, a2))
            elif f[7] == "ADM3" and a3:
                units.append((cc, 3, a1, a2 if a2 in adm2 else "", a3, admin_name(f[1]), lat, lon))
            elif f[6] == "P" and a2 in adm2:
                groups[(cc, a1)].append((lat, lon, a2))
        for key in sorted(set(groups) | set(seats)):
            for lat, lon, a2 in condense(groups[key], sorted(seats[key])):
                points.append((key[0], key[1], lat, lon, a2))
    units.sort(key=lambda u: (u[0], u[1], u[2], u[3], u[4], u[5]))
    with open(out / "places_admin_units.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["country_code", "level", "admin1_code", "admin2_code", "admin3_code", "name",
                    "latitude", "longitude"])
        w.writerows(units)
    with open(out / "places_admin2_points.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["country_code", "admin1_code", "latitude", "longitude", "admin2_code"])
        w.writerows(points)
    print(f"{len(units)} units, {len(points)} points written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

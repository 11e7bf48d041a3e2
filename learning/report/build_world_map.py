"""Build ``learning/data/world-paths.json`` (the report's world map) from npm's @svg-maps/world.

The package (a devDependency in ``package.json``, CC BY 4.0) ships a projected
world map: one SVG path per ISO 3166-1 alpha-2 code, in a 1010 x 666 box.
Its 1.2 MB of paths is more than a web page needs, so this keeps every ring
with fewer points (a point closer than ``TOLERANCE`` to the last one kept is
dropped, specks of islands too small to see are left out) and writes whole map
units, relative after each ring's first point. The generated file is committed; nothing is
read from npm at run time.

    npm ci && .venv/bin/python -m learning.report.build_world_map
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCE = ROOT / "node_modules" / "@svg-maps" / "world" / "index.js"
TARGET = ROOT / "learning" / "data" / "world-paths.json"
TOLERANCE = 1.2  # in map units (the map is 1010 wide)
MIN_RING_SIZE = 1.2  # a ring smaller than this either way is dropped (unless it is the only one)
TOKEN = re.compile(r"[mMzZ]|-?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?")


def rings(path):
    """The absolute rings [[(x, y), ...], ...] of a path written with ``m``/``z`` only."""
    tokens = TOKEN.findall(path)
    result, ring, x, y, start, i = [], [], 0.0, 0.0, (0.0, 0.0), 0
    first_pair = False
    while i < len(tokens):
        token = tokens[i]
        if token in "mM":  # noqa: S105 - a path command, not a secret
            if ring:
                result.append(ring)
            ring, first_pair = [], True
            i += 1
            continue
        if token in "zZ":  # noqa: S105 - a path command, not a secret
            if ring:
                result.append(ring)
            ring = []
            x, y = start
            i += 1
            continue
        dx, dy = float(tokens[i]), float(tokens[i + 1])
        i += 2
        x, y = x + dx, y + dy
        if first_pair:
            start, first_pair = (x, y), False
        ring.append((x, y))
    if ring:
        result.append(ring)
    return result


def simplify(ring):
    kept = [ring[0]]
    for point in ring[1:]:
        last = kept[-1]
        if abs(point[0] - last[0]) + abs(point[1] - last[1]) >= TOLERANCE:
            kept.append(point)
    return kept


def size(ring):
    xs = [p[0] for p in ring]
    ys = [p[1] for p in ring]
    return max(max(xs) - min(xs), max(ys) - min(ys))


def path_data(country_rings):
    keep = [ring for ring in country_rings if size(ring) >= MIN_RING_SIZE]
    if not keep:  # a small island state: keep its largest ring, so it can still be shown
        keep = [max(country_rings, key=size)]
    parts = []
    for ring in keep:
        points = simplify(ring)
        if len(points) < 3:
            points = ring
        # Whole map units, relative after the first point: short and exact enough.
        rounded = [(round(x), round(y)) for x, y in points]
        deduped = [rounded[0]] + [p for a, p in zip(rounded, rounded[1:], strict=False) if p != a]
        (x0, y0), steps = deduped[0], []
        for (ax, ay), (bx, by) in zip(deduped, deduped[1:], strict=False):
            steps.append(f"{bx - ax} {by - ay}")
        parts.append(f"M{x0} {y0}" + ("l" + " ".join(steps) if steps else "h1") + "z")
    return "".join(parts)


def build():
    text = SOURCE.read_text(encoding="utf-8")
    data = json.loads(text[text.index("{") : text.rindex("}") + 1])
    countries = {}
    for location in data["locations"]:
        code = location["id"].upper()
        if len(code) != 2:  # US minor outlying islands (um-xx) have no map-worthy shape
            continue
        countries[code] = path_data(rings(location["path"]))
    return {
        "source": "@svg-maps/world 2.0.0 (CC BY 4.0), simplified",
        "viewBox": data["viewBox"],
        "countries": dict(sorted(countries.items())),
    }


def main():
    if not SOURCE.exists():
        sys.exit(f"{SOURCE} is missing: run `npm ci` first.")
    TARGET.write_text(json.dumps(build(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"Wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()

"""Server-drawn charts and map for the report: geometry only, the templates write the SVG.

Bars are horizontal (long labels stay readable), each with its value printed
at its end, so nothing is told by colour alone. Right-to-left languages get
the mirror image: labels on the right, bars growing leftwards, the scale
counting from the right. The SVG takes the page's direction, so
``text-anchor`` start/end are read in it. WeasyPrint does not shape Arabic
inside SVG text, so the PDF draws each bar as its own small SVG (``strip_*``:
the bar and its number) beside its label in HTML.
"""

import json
import re
from functools import cache
from pathlib import Path

from django.utils.text import Truncator

WIDTH = 640
ROW = 26
BAR = 18
TOP = 8
SCALE = 28  # room under the bars for the scale
LABEL_CHARS = 34
MAP_FILE = Path(__file__).resolve().parent.parent / "data" / "world-paths.json"
# Classes of the map: (lowest count, fill, text colour of its legend swatch).
MAP_CLASSES = [(1, "#9ecae1"), (2, "#4292c6"), (4, "#08519c"), (10, "#08306b")]
NO_DATA_FILL = "#e6e6e6"
ENDORSERS_ONLY_FILL = "#f2d7a6"


def _short(label, numbered):
    if numbered:
        return label.split(".", 1)[0]
    return Truncator(label).chars(LABEL_CHARS)


def bar_chart(rows, *, rtl=False, numbered=False):
    """Geometry of a horizontal bar chart for table rows ``{"label", "count"}``."""
    rows = [row for row in rows if "count" in row and row.get("level", 1) == 1]
    label_width = 56 if numbered else 250
    plot = WIDTH - label_width - 48  # room for the value after the longest bar
    top = max([row["count"] for row in rows] + [1])
    height = TOP + ROW * len(rows) + SCALE

    def x(position, width=0):
        """Left edge of a span starting ``position`` units from the label side."""
        return WIDTH - position - width if rtl else position

    strip = plot + 48  # one bar drawn on its own (print): the bar and its value
    bars = []
    for i, row in enumerate(rows):
        length = round(plot * row["count"] / top, 1)
        y = TOP + i * ROW
        bars.append(
            {
                "strip_x": round(strip - length, 1) if rtl else 0,
                "strip_value_x": round(strip - length - 4, 1) if rtl else round(length + 4, 1),
                "label": _short(row["label"], numbered),
                "full_label": row["label"],
                "count": row["count"],
                "x": round(x(label_width, length), 1),
                "y": y,
                "width": length,
                "height": BAR,
                "text_y": y + BAR - 4,
                "label_x": x(label_width - 6),
                # Anchors follow the text's direction: in a right-to-left chart "end"
                # is the left edge, so both read "toward the axis" / "away from it".
                "label_anchor": "end",
                "value_x": round(x(label_width + length + 4), 1),
                "value_anchor": "start",
                "strip_value_anchor": "end" if rtl else "start",
            }
        )
    axis_y = TOP + ROW * len(rows)
    ticks = sorted({0, top // 2, top}) if top > 1 else [0, 1]
    return {
        "width": WIDTH,
        "height": height,
        "strip_width": strip,
        "bars": bars,
        "axis": {
            "x": x(label_width),
            "y1": TOP - 2,
            "y2": axis_y,
            "scale_x1": x(label_width),
            "scale_x2": x(label_width + plot),
            "ticks": [
                {"x": round(x(label_width + round(plot * value / top, 1)), 1), "value": value}
                for value in ticks
            ],
            "tick_y": axis_y + 16,
        },
    }


@cache
def world_shapes():
    """The committed world map: ``{"viewBox", "countries": {ISO alpha-2: path}}``."""
    with MAP_FILE.open(encoding="utf-8") as handle:
        return json.load(handle)


def map_fill(practices, endorsers):
    if not practices:
        return ENDORSERS_ONLY_FILL if endorsers else NO_DATA_FILL
    fill = MAP_CLASSES[0][1]
    for lowest, colour in MAP_CLASSES:
        if practices >= lowest:
            fill = colour
    return fill


STEP = re.compile(r"([Mlhz])([^Mlhz]*)")


@cache
def coarse_path(path, tolerance=3):
    """A lighter outline for print: relative steps merged until they move ``tolerance`` units.

    WeasyPrint draws SVG paths point by point in Python; a third of the points
    keeps the PDF quick to build and still reads as the same map on paper.
    """
    out = []
    for command, arguments in STEP.findall(path):
        numbers = [int(n) for n in arguments.split()]
        if command != "l":
            out.append(command + " ".join(map(str, numbers)))
            continue
        steps, dx, dy = [], 0, 0
        for i in range(0, len(numbers) - 1, 2):
            dx, dy = dx + numbers[i], dy + numbers[i + 1]
            if abs(dx) + abs(dy) >= tolerance:
                steps.append(f"{dx} {dy}")
                dx = dy = 0
        if dx or dy:
            steps.append(f"{dx} {dy}")
        out.append("l" + " ".join(steps))
    return "".join(out)


def world_map(entries, *, coarse=False):
    """The map's shapes: every country drawn, those with data as links (with their numbers).

    ``coarse`` gives the lighter outlines of ``coarse_path`` (the PDF).
    """
    shapes = world_shapes()
    if coarse:
        shapes = {
            **shapes,
            "countries": {code: coarse_path(p) for code, p in shapes["countries"].items()},
        }
    by_code = {entry["code"]: entry for entry in entries}
    background, linked = [], []
    for code, path in shapes["countries"].items():
        entry = by_code.get(code)
        if entry is None:
            background.append(path)
        else:
            linked.append(
                {**entry, "path": path, "fill": map_fill(entry["practices"], entry["endorsers"])}
            )
    legend = []
    bounds = [lowest for lowest, _fill in MAP_CLASSES]
    for i, (lowest, fill) in enumerate(MAP_CLASSES):
        highest = bounds[i + 1] - 1 if i + 1 < len(bounds) else None
        legend.append({"fill": fill, "lowest": lowest, "highest": highest})
    return {
        "viewBox": shapes["viewBox"],
        "background": " ".join(background),
        "no_data_fill": NO_DATA_FILL,
        "endorsers_only_fill": ENDORSERS_ONLY_FILL,
        "countries": linked,
        "legend": legend,
        "missing": [entry for entry in entries if entry["code"] not in shapes["countries"]],
    }

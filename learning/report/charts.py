"""Server-drawn charts and map for the report: geometry only, the templates write the SVG.

Bars are horizontal (long labels stay readable), each with its value printed
at its end, so nothing is told by colour alone. Right-to-left languages get
the mirror image: labels on the right, bars growing leftwards, the scale
counting from the right. Positions are absolute (the SVG is drawn
``direction: ltr``) so browsers and WeasyPrint place the text alike.
"""

import json
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

    bars = []
    for i, row in enumerate(rows):
        length = round(plot * row["count"] / top, 1)
        y = TOP + i * ROW
        bars.append(
            {
                "label": _short(row["label"], numbered),
                "full_label": row["label"],
                "count": row["count"],
                "x": x(label_width, length),
                "y": y,
                "width": length,
                "height": BAR,
                "text_y": y + BAR - 4,
                "label_x": x(label_width - 6),
                "label_anchor": "start" if rtl else "end",
                "value_x": x(label_width + length + 4),
                "value_anchor": "end" if rtl else "start",
            }
        )
    axis_y = TOP + ROW * len(rows)
    ticks = sorted({0, top // 2, top}) if top > 1 else [0, 1]
    return {
        "width": WIDTH,
        "height": height,
        "bars": bars,
        "axis": {
            "x": x(label_width),
            "y1": TOP - 2,
            "y2": axis_y,
            "scale_x1": x(label_width),
            "scale_x2": x(label_width + plot),
            "ticks": [
                {"x": x(label_width + round(plot * value / top, 1)), "value": value}
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


def world_map(entries):
    """The map's shapes: every country drawn, those with data as links (with their numbers)."""
    shapes = world_shapes()
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

"""Flat, caption-free illustrations for the demo's case studies, drawn with Pillow.

Each motif is a small drawing function on a 3:2 canvas; ``illustrations.yaml``
says which motif each illustration uses, its colours, title and alternative
text. Nothing here is random, so the same YAML always gives the same pictures.
"""

import math
from io import BytesIO

from PIL import Image, ImageDraw

WIDTH, HEIGHT = 1200, 800
# Drawn at twice the size, then scaled down: smooth edges without antialiasing support.
SCALE = 2


def render(motif, colours):
    """The PNG bytes of ``motif`` drawn in ``colours`` (background, then four inks)."""
    background, *inks = colours
    canvas = Image.new("RGB", (WIDTH * SCALE, HEIGHT * SCALE), background)
    draw = ImageDraw.Draw(canvas)
    MOTIFS[motif](draw, inks, _Grid(WIDTH * SCALE, HEIGHT * SCALE))
    canvas = canvas.resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    buffer = BytesIO()
    canvas.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


class _Grid:
    """Coordinates as fractions of the canvas, so motifs read like sketches."""

    def __init__(self, width, height):
        self.width, self.height = width, height

    def __call__(self, x, y):
        return (round(x * self.width), round(y * self.height))

    def box(self, x0, y0, x1, y1):
        return [self(x0, y0), self(x1, y1)]

    def circle(self, x, y, r):
        """A circle of radius ``r`` (a fraction of the height) centred on (x, y)."""
        cx, cy = self(x, y)
        radius = round(r * self.height)
        return [(cx - radius, cy - radius), (cx + radius, cy + radius)]


def _person(draw, grid, x, y, size, colour):
    """A simple figure: a round head over rounded shoulders, standing at (x, y)."""
    draw.ellipse(grid.circle(x, y - size * 1.9, size * 0.55), fill=colour)
    left, top = grid(x - size * 0.6, y - size * 1.2)
    right, bottom = grid(x + size * 0.6, y + size * 0.4)
    draw.rounded_rectangle([(left, top), (right, bottom)], radius=(right - left) // 2, fill=colour)


def doorway(draw, inks, grid):
    """An open door in a wall, light falling on a path, people walking in."""
    wall, light, people, accent = inks
    draw.rectangle(grid.box(0, 0, 1, 0.72), fill=wall)
    draw.rounded_rectangle(grid.box(0.42, 0.18, 0.62, 0.72), radius=40, fill=light)
    draw.polygon(
        [grid(0.62, 0.18), grid(0.72, 0.24), grid(0.72, 0.76), grid(0.62, 0.72)], fill=accent
    )
    draw.polygon([grid(0.42, 0.72), grid(0.62, 0.72), grid(0.9, 1), grid(0.2, 1)], fill=light)
    walkers = ((0.3, 0.95, 0.085, people), (0.42, 0.88, 0.07, accent), (0.53, 0.8, 0.055, wall))
    for x, y, size, colour in walkers:
        _person(draw, grid, x, y, size, colour)
    draw.ellipse(grid.circle(0.17, 0.2, 0.07), fill=accent)


def circle(draw, inks, grid):
    """A round table seen from above, seats of many colours around it."""
    table, seat_a, seat_b, seat_c = inks
    draw.ellipse(grid.circle(0.5, 0.5, 0.26), fill=table)
    seats = [seat_a, seat_b, seat_c]
    for i in range(11):
        angle = 2 * math.pi * i / 11 - math.pi / 2
        x = 0.5 + 0.235 * math.cos(angle)
        y = 0.5 + 0.355 * math.sin(angle)
        draw.ellipse(grid.circle(x, y, 0.055), fill=seats[i % 3])
    draw.ellipse(grid.circle(0.5, 0.5, 0.07), fill=seat_b)


def market(draw, inks, grid):
    """A row of market stalls under striped awnings, crates beneath."""
    stripe_a, stripe_b, counter, goods = inks
    for stall in range(3):
        left = 0.08 + stall * 0.3
        width = 0.26
        stripes = 6
        for s in range(stripes):
            x0 = left + s * width / stripes
            x1 = x0 + width / stripes
            colour = stripe_a if s % 2 == 0 else stripe_b
            draw.rectangle(grid.box(x0, 0.3, x1, 0.42), fill=colour)
            draw.pieslice(grid.box(x0, 0.38, x1, 0.46), 0, 180, fill=colour)
        draw.rectangle(grid.box(left + 0.01, 0.46, left + 0.02, 0.82), fill=counter)
        draw.rectangle(grid.box(left + width - 0.02, 0.46, left + width - 0.01, 0.82), fill=counter)
        draw.rectangle(grid.box(left, 0.66, left + width, 0.72), fill=counter)
        for g in range(4):
            x = left + 0.04 + g * 0.06
            draw.ellipse(grid.circle(x, 0.63, 0.03), fill=goods if g % 2 else stripe_b)
    draw.rectangle(grid.box(0, 0.82, 1, 1), fill=counter)


def clinic(draw, inks, grid):
    """A care cross inside a soft circle, with a heartbeat line across."""
    halo, cross, line, accent = inks
    draw.ellipse(grid.circle(0.5, 0.48, 0.34), fill=halo)
    draw.rounded_rectangle(grid.box(0.455, 0.25, 0.545, 0.71), radius=24, fill=cross)
    draw.rounded_rectangle(grid.box(0.38, 0.435, 0.62, 0.525), radius=24, fill=cross)
    points = [
        (0.05, 0.86),
        (0.35, 0.86),
        (0.4, 0.78),
        (0.45, 0.94),
        (0.5, 0.72),
        (0.55, 0.9),
        (0.6, 0.86),
        (0.95, 0.86),
    ]
    draw.line([grid(x, y) for x, y in points], fill=line, width=14, joint="curve")
    draw.ellipse(grid.circle(0.82, 0.18, 0.05), fill=accent)


def voices(draw, inks, grid):
    """Two speech bubbles overlapping: conversation, advice, interpretation."""
    first, second, lines, accent = inks
    draw.rounded_rectangle(grid.box(0.12, 0.12, 0.58, 0.5), radius=60, fill=first)
    draw.polygon([grid(0.2, 0.49), grid(0.3, 0.49), grid(0.16, 0.64)], fill=first)
    for i, width in enumerate((0.3, 0.24)):
        y = 0.22 + i * 0.09
        draw.rounded_rectangle(grid.box(0.18, y, 0.18 + width, y + 0.035), radius=12, fill=lines)
    draw.rounded_rectangle(grid.box(0.42, 0.38, 0.88, 0.8), radius=60, fill=second)
    draw.polygon([grid(0.72, 0.79), grid(0.82, 0.79), grid(0.86, 0.94)], fill=second)
    for i, width in enumerate((0.28, 0.32, 0.2)):
        y = 0.49 + i * 0.09
        draw.rounded_rectangle(grid.box(0.5, y, 0.5 + width, y + 0.035), radius=12, fill=accent)


def shelter(draw, inks, grid):
    """Small houses sheltered under one large roof, a warm light in each window."""
    roof, house, window, ground = inks
    draw.rectangle(grid.box(0, 0.82, 1, 1), fill=ground)
    draw.polygon([grid(0.06, 0.5), grid(0.5, 0.16), grid(0.94, 0.5)], fill=roof)
    for i in range(4):
        left = 0.16 + i * 0.18
        draw.rectangle(grid.box(left, 0.56, left + 0.14, 0.82), fill=house)
        draw.rectangle(grid.box(left + 0.045, 0.63, left + 0.095, 0.71), fill=window)


def school(draw, inks, grid):
    """A stack of books, a pencil and a kite rising above them."""
    book_a, book_b, book_c, kite = inks
    for i, (colour, offset) in enumerate(((book_a, 0.0), (book_b, 0.03), (book_c, -0.02))):
        y = 0.8 - i * 0.1
        draw.rounded_rectangle(
            grid.box(0.18 + offset, y, 0.52 + offset, y + 0.09), radius=10, fill=colour
        )
    draw.polygon(
        [grid(0.6, 0.88), grid(0.86, 0.62), grid(0.89, 0.65), grid(0.63, 0.91)], fill=book_b
    )
    draw.polygon([grid(0.6, 0.88), grid(0.63, 0.91), grid(0.585, 0.905)], fill=book_c)
    draw.polygon([grid(0.72, 0.08), grid(0.8, 0.2), grid(0.72, 0.38), grid(0.64, 0.2)], fill=kite)
    draw.line(
        [grid(0.72, 0.38), grid(0.66, 0.46), grid(0.7, 0.52), grid(0.62, 0.6)], fill=kite, width=8
    )


def waves(draw, inks, grid):
    """Houses raised on stilts above layered water."""
    house, stilts, water, deep = inks
    for i, colour in enumerate((water, deep, water)):
        top = 0.66 + i * 0.1
        points = [grid(0, 1)]
        for step in range(41):
            x = step / 40
            points.append(grid(x, top + 0.025 * math.sin(x * 4 * math.pi + i)))
        points.append(grid(1, 1))
        draw.polygon(points, fill=colour)
    for left in (0.18, 0.44, 0.7):
        for post in (left + 0.02, left + 0.12):
            draw.rectangle(grid.box(post, 0.46, post + 0.015, 0.74), fill=stilts)
        draw.rectangle(grid.box(left, 0.3, left + 0.155, 0.48), fill=house)
        draw.polygon(
            [grid(left - 0.02, 0.31), grid(left + 0.0775, 0.18), grid(left + 0.175, 0.31)],
            fill=stilts,
        )


def sun(draw, inks, grid):
    """A large sun over a low skyline, rings of heat around it."""
    ring, disc, skyline, shade = inks
    for r, colour in ((0.42, ring), (0.33, shade), (0.24, disc)):
        draw.ellipse(grid.circle(0.5, 0.5, r), fill=colour)
    heights = (0.42, 0.3, 0.5, 0.36, 0.46, 0.28, 0.4, 0.34)
    for i, height in enumerate(heights):
        left = i / len(heights)
        draw.rectangle(grid.box(left, 1 - height, left + 1 / len(heights) - 0.008, 1), fill=skyline)
    draw.rectangle(grid.box(0, 0.94, 1, 1), fill=shade)


def network(draw, inks, grid):
    """Places joined by lines: a map of people, services and data."""
    line, node_a, node_b, node_c = inks
    nodes = [
        (0.14, 0.3),
        (0.3, 0.62),
        (0.42, 0.22),
        (0.55, 0.5),
        (0.7, 0.24),
        (0.8, 0.68),
        (0.9, 0.4),
        (0.22, 0.86),
        (0.58, 0.84),
    ]
    links = [
        (0, 2),
        (0, 1),
        (1, 3),
        (2, 3),
        (2, 4),
        (3, 4),
        (3, 5),
        (4, 6),
        (5, 6),
        (1, 7),
        (3, 8),
        (5, 8),
        (7, 8),
    ]
    for a, b in links:
        draw.line([grid(*nodes[a]), grid(*nodes[b])], fill=line, width=10)
    colours = [node_a, node_b, node_c]
    for i, (x, y) in enumerate(nodes):
        draw.ellipse(grid.circle(x, y, 0.05 if i != 3 else 0.08), fill=colours[i % 3])


def hills(draw, inks, grid):
    """Dry hills under a low sun, a herd and a water point in the valley."""
    far, near, sun_colour, herd = inks
    draw.ellipse(grid.circle(0.75, 0.3, 0.12), fill=sun_colour)
    for top, colour, phase in ((0.5, far, 0.0), (0.66, near, 1.3)):
        points = [grid(0, 1)]
        for step in range(41):
            x = step / 40
            points.append(grid(x, top + 0.06 * math.sin(x * 2.2 * math.pi + phase)))
        points.append(grid(1, 1))
        draw.polygon(points, fill=colour)
    draw.ellipse(grid.box(0.56, 0.84, 0.74, 0.9), fill=sun_colour)
    for i in range(5):
        x = 0.12 + i * 0.085
        y = 0.78 + 0.02 * (i % 2)
        draw.ellipse(grid.box(x, y, x + 0.065, y + 0.05), fill=herd)
        draw.ellipse(grid.box(x + 0.05, y - 0.02, x + 0.08, y + 0.02), fill=herd)
        draw.rectangle(grid.box(x + 0.01, y + 0.04, x + 0.016, y + 0.08), fill=herd)
        draw.rectangle(grid.box(x + 0.048, y + 0.04, x + 0.054, y + 0.08), fill=herd)


MOTIFS = {
    "doorway": doorway,
    "circle": circle,
    "market": market,
    "clinic": clinic,
    "voices": voices,
    "shelter": shelter,
    "school": school,
    "waves": waves,
    "sun": sun,
    "network": network,
    "hills": hills,
}

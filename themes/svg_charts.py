"""Charts drawn on the server: the geometry of simple bar charts, which templates turn into inline SVG
(themes/templates/themes/charts/). No script and no chart library; the page gives the same numbers as a table.

Coordinates are in the SVG's own units (its viewBox); the SVG scales to the width of the screen.
"""

from dataclasses import dataclass

COLUMN_WIDTH, COLUMN_HEIGHT = 360, 150
AXIS_SPACE = 18  # below the columns, for the first, middle and last labels
TOP_SPACE = 8
ROW_HEIGHT, ROW_GAP = 12, 20  # a horizontal bar, and the line of text above it
BARS_WIDTH = 360


@dataclass(frozen=True)
class Column:
    x: float
    y: float
    width: float
    height: float
    title: str  # what a pointer hovering over the column shows, e.g. "02/12: 370.000 ₫"


@dataclass(frozen=True)
class AxisLabel:
    x: float
    text: str


@dataclass(frozen=True)
class ColumnChart:
    width: int
    height: int
    baseline: float
    columns: list
    labels: list


def column_chart(points, width=COLUMN_WIDTH, height=COLUMN_HEIGHT):
    """``points``: (axis label, value, title) in order. Columns share the width; the tallest fills the height; a
    zero is a column of no height. The first, middle and last labels are written under the axis."""
    count = len(points)
    baseline = height - AXIS_SPACE
    if not count:
        return ColumnChart(width, height, baseline, [], [])
    highest = max(value for _label, value, _title in points) or 1
    slot = width / count
    bar = max(slot * 0.7, 1)
    columns, labels = [], []
    for index, (_label, value, title) in enumerate(points):
        bar_height = (baseline - TOP_SPACE) * value / highest
        x = index * slot + (slot - bar) / 2
        columns.append(Column(round(x, 2), round(baseline - bar_height, 2), round(bar, 2), round(bar_height, 2), title))
    for index in sorted({0, count // 2, count - 1}):
        labels.append(AxisLabel(round(index * slot + slot / 2, 2), points[index][0]))
    return ColumnChart(width, height, baseline, columns, labels)


@dataclass(frozen=True)
class Row:
    label_y: float
    bar_y: float
    length: float
    label: str
    value_text: str


@dataclass(frozen=True)
class BarList:
    width: int
    height: int
    bar_height: int
    rows: list


def bar_list(items, width=BARS_WIDTH):
    """``items``: (label, value, value as text), largest first: one labelled horizontal bar each, the largest
    filling the width."""
    highest = max((value for _label, value, _text in items), default=0) or 1
    rows = []
    for index, (label, value, text) in enumerate(items):
        top = index * (ROW_HEIGHT + ROW_GAP)
        rows.append(Row(top + ROW_GAP - 8, top + ROW_GAP, round(width * value / highest, 2), label, text))
    return BarList(width, len(items) * (ROW_HEIGHT + ROW_GAP), ROW_HEIGHT, rows)


TILE_WIDTH, TILE_HEIGHT, TILE_GAP = 60, 40, 4
# From no activity (grey) through five greens, light to dark; the text on the two darkest is white.
TILE_SHADES = ("#eeeeee", "#d8f0dc", "#a8dcb2", "#6cc283", "#2e9e52", "#17693a")
TILE_TEXT = ("#333333", "#333333", "#333333", "#333333", "#ffffff", "#ffffff")


@dataclass(frozen=True)
class Tile:
    x: int
    y: int
    width: int
    height: int
    fill: str
    text_fill: str
    label: str
    value_text: str
    title: str  # what a pointer hovering over the tile shows: the full name and the value

    @property
    def middle(self):
        return self.x + self.width // 2

    @property
    def label_y(self):
        return self.y + self.height * 2 // 5

    @property
    def value_y(self):
        return self.y + self.height * 4 // 5


@dataclass(frozen=True)
class LegendEntry:
    fill: str
    text: str


@dataclass(frozen=True)
class TileMap:
    width: int
    height: int
    tiles: list
    legend: list


def shade(value, highest):
    """0 for nothing, otherwise the fifth of the highest value it falls in: 1 (lowest) to 5."""
    if value <= 0 or highest <= 0:
        return 0
    return min(5, (5 * value + highest - 1) // highest)


def tile_map(tiles, zero_text="0"):
    """A map drawn as a grid of equal tiles, one per area, placed roughly where the area lies.

    ``tiles``: (column, row, short label, value, value as text, title). A tile's colour says how its value compares
    with the highest one (grey for zero); the legend gives each colour's range of values."""
    highest = max((value for *_place, value, _text, _title in tiles), default=0)
    columns = max((column for column, *_rest in tiles), default=-1) + 1
    rows = max((row for _column, row, *_rest in tiles), default=-1) + 1
    drawn = [
        Tile(
            column * (TILE_WIDTH + TILE_GAP),
            row * (TILE_HEIGHT + TILE_GAP),
            TILE_WIDTH,
            TILE_HEIGHT,
            TILE_SHADES[shade(value, highest)],
            TILE_TEXT[shade(value, highest)],
            label,
            text,
            title,
        )
        for column, row, label, value, text, title in tiles
    ]
    return TileMap(
        max(columns * (TILE_WIDTH + TILE_GAP) - TILE_GAP, 0),
        max(rows * (TILE_HEIGHT + TILE_GAP) - TILE_GAP, 0),
        drawn,
        legend(highest, zero_text),
    )


def legend(highest, zero_text):
    """One entry per colour in use: the whole numbers it stands for (a fifth of the highest value each)."""
    entries = [LegendEntry(TILE_SHADES[0], zero_text)]
    for level in range(1, 6):
        low, high = (level - 1) * highest // 5 + 1, level * highest // 5
        if low <= high:
            entries.append(LegendEntry(TILE_SHADES[level], f"{low}" if low == high else f"{low}–{high}"))
    return entries

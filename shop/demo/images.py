"""Product pictures for the demo catalogue, drawn locally with Pillow (nothing is downloaded).

Each picture is the stall's colour with a simple emblem of the product's OCOP group and the product's name, so a
browsing tester can tell products apart at a glance.
"""

import io
import textwrap
from functools import cache

from PIL import Image, ImageDraw, ImageFont

SIZE = 800
FONT_PATHS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]


@cache
def font(size):
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default(size)


def hex_to_rgb(value):
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def mix(colour, other, share):
    return tuple(round(a * (1 - share) + b * share) for a, b in zip(colour, other, strict=True))


def draw_jar(draw, ink):
    draw.rounded_rectangle((280, 230, 520, 500), radius=40, fill=ink)
    draw.rectangle((310, 190, 490, 235), fill=mix(ink, (0, 0, 0), 0.3))


def draw_cup(draw, ink):
    draw.pieslice((250, 180, 550, 480), 0, 180, fill=ink)
    draw.arc((500, 240, 600, 340), 270, 90, fill=ink, width=22)
    draw.rectangle((240, 470, 560, 490), fill=ink)


def draw_leaf(draw, ink):
    draw.ellipse((240, 180, 560, 480), fill=ink)
    draw.line((280, 460, 520, 200), fill=mix(ink, (255, 255, 255), 0.5), width=10)


def draw_brocade(draw, ink):
    for row in range(5):
        for col in range(5):
            x, y = 250 + col * 60, 190 + row * 60
            draw.polygon([(x + 30, y), (x + 60, y + 30), (x + 30, y + 60), (x, y + 30)], fill=ink)


def draw_basket(draw, ink):
    draw.chord((230, 170, 570, 510), 0, 180, fill=ink)
    for x in range(260, 560, 40):
        draw.line((x, 345, x + 20, 490), fill=mix(ink, (255, 255, 255), 0.4), width=6)


def draw_house(draw, ink):
    draw.polygon([(220, 330), (400, 180), (580, 330)], fill=ink)
    draw.rectangle((260, 330, 540, 500), fill=ink)
    draw.rectangle((370, 400, 430, 500), fill=mix(ink, (255, 255, 255), 0.6))


# In the order of OCOP's six product groups: food, beverages, herbs, textiles, handicrafts, rural tourism.
EMBLEMS = [draw_jar, draw_cup, draw_leaf, draw_brocade, draw_basket, draw_house]


def draw_product_image(title, group_index, colour):
    """Return a JPEG (bytes) showing the product's group emblem and its title on the stall's colour."""
    base = hex_to_rgb(colour)
    image = Image.new("RGB", (SIZE, SIZE), mix(base, (255, 255, 255), 0.82))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, SIZE, 24), fill=base)
    EMBLEMS[group_index % len(EMBLEMS)](draw, base)
    lines = textwrap.wrap(title, width=24)[:3]
    y = 560
    for line in lines:
        width = draw.textlength(line, font=font(40))
        draw.text(((SIZE - width) / 2, y), line, font=font(40), fill=mix(base, (0, 0, 0), 0.55))
        y += 56
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()

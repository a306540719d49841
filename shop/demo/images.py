"""Product pictures for the demo catalogue, drawn locally with Pillow (nothing is downloaded).

Each picture shows what the product is — a honey jar, a tea shoot, a coffee cup, a bowl of rice, a fish-sauce bottle,
a dried squid, a stilt house for a homestay, hills for a tour — on a light wash of the stall's colour, with the
product's name below, so a browsing tester tells a honey from a fish sauce at a glance. A product's kind of picture is
its ``picture`` in the fixtures, or else its category's (``KIND_OF_CATEGORY``).
"""

import io
import math
import textwrap
from functools import cache

from PIL import Image, ImageDraw, ImageFont

SIZE = 800
FONT_PATHS = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
]
WHITE = (255, 255, 255)
BLACK = (0, 0, 0)


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


# Each drawing fills roughly the box (200, 150)–(600, 520) of the 800 × 800 picture, in the colours of what it shows.

HONEY, AMBER = (230, 160, 20), (170, 100, 10)
GLASS = (215, 230, 235)
GREEN, DARK_GREEN = (80, 150, 60), (40, 95, 40)
BROWN, DARK_BROWN = (120, 75, 40), (70, 40, 20)
CREAM = (245, 235, 210)
WOOD = (170, 110, 60)


def hexagon(draw, cx, cy, r, fill):
    points = [(cx + r * math.cos(math.pi / 3 * k), cy + r * math.sin(math.pi / 3 * k)) for k in range(6)]
    draw.polygon(points, fill=fill, outline=AMBER)


def draw_honey(draw):
    draw.rounded_rectangle((270, 250, 500, 510), radius=36, fill=HONEY, outline=AMBER, width=6)
    draw.rectangle((290, 205, 480, 250), fill=DARK_BROWN)
    draw.rounded_rectangle((300, 330, 470, 430), radius=10, fill=CREAM)
    draw.text((340, 355), "MẬT", font=font(40), fill=AMBER)
    for cx, cy in [(560, 230), (595, 290), (525, 290), (560, 350)]:
        hexagon(draw, cx, cy, 34, (245, 195, 60))
    draw.line((520, 420, 600, 520), fill=WOOD, width=12)  # the dipper
    draw.ellipse((490, 390, 545, 445), fill=WOOD)


def leaf(draw, box, fill, vein):
    draw.ellipse(box, fill=fill)
    x0, y0, x1, y1 = box
    draw.line((x0 + 10, y1 - 10, x1 - 10, y0 + 10), fill=vein, width=5)


def draw_tea(draw):
    draw.line((400, 520, 400, 230), fill=DARK_GREEN, width=12)
    leaf(draw, (250, 300, 400, 400), GREEN, DARK_GREEN)
    leaf(draw, (400, 250, 560, 350), GREEN, DARK_GREEN)
    leaf(draw, (280, 400, 400, 480), (110, 170, 80), DARK_GREEN)
    draw.polygon([(385, 235), (400, 150), (415, 235)], fill=(140, 190, 90))  # the bud


def draw_coffee(draw):
    draw.pieslice((260, 230, 520, 490), 0, 180, fill=(250, 250, 245), outline=BROWN, width=6)
    draw.ellipse((280, 340, 500, 380), fill=DARK_BROWN)
    draw.arc((490, 360, 570, 440), 270, 90, fill=(250, 250, 245), width=18)
    draw.rectangle((240, 485, 540, 505), fill=(230, 230, 225))
    for x in (330, 390, 450):  # steam
        draw.arc((x - 20, 220, x + 20, 280), 90, 270, fill=(180, 170, 160), width=6)
        draw.arc((x - 20, 270, x + 20, 330), 270, 90, fill=(180, 170, 160), width=6)
    for cx, cy in [(580, 470), (620, 430)]:
        draw.ellipse((cx - 26, cy - 36, cx + 26, cy + 36), fill=BROWN)
        draw.line((cx, cy - 30, cx, cy + 30), fill=DARK_BROWN, width=5)


def draw_rice(draw):
    draw.chord((230, 280, 570, 520), 0, 180, fill=(60, 110, 160))
    draw.chord((240, 250, 560, 340), 180, 360, fill=(250, 250, 245))
    for row in range(4):
        for col in range(9):
            x, y = 270 + col * 32 + (row % 2) * 14, 270 + row * 14
            draw.ellipse((x, y, x + 16, y + 8), fill=(235, 230, 215))
    draw.line((470, 160, 560, 300), fill=WOOD, width=10)  # chopsticks
    draw.line((500, 150, 580, 290), fill=WOOD, width=10)


def draw_fish_sauce(draw):
    draw.rounded_rectangle((320, 260, 480, 520), radius=24, fill=(160, 80, 30))
    draw.rectangle((370, 170, 430, 260), fill=(150, 75, 30))
    draw.rectangle((362, 150, 438, 180), fill=(200, 30, 30))
    draw.rounded_rectangle((335, 330, 465, 450), radius=10, fill=CREAM)
    draw.ellipse((350, 370, 430, 410), fill=(60, 110, 160))  # the anchovy on the label
    draw.polygon([(425, 390), (455, 370), (455, 410)], fill=(60, 110, 160))


def draw_pepper(draw):
    draw.rounded_rectangle((280, 280, 520, 520), radius=30, fill=GLASS, outline=(120, 140, 150), width=5)
    draw.rectangle((300, 240, 500, 285), fill=(200, 30, 30))
    for row in range(6):
        for col in range(7):
            x, y = 300 + col * 30 + (row % 2) * 12, 310 + row * 33
            draw.ellipse((x, y, x + 22, y + 22), fill=(40, 30, 25))


def draw_squid(draw):
    body = (205, 150, 100)
    draw.polygon([(400, 150), (470, 250), (460, 400), (340, 400), (330, 250)], fill=body)
    draw.polygon([(330, 200), (280, 260), (335, 260)], fill=body)
    draw.polygon([(470, 200), (520, 260), (465, 260)], fill=body)
    for k in range(8):
        x = 345 + k * 15
        draw.line((x, 400, x - 30 + k * 8, 520), fill=body, width=9)


def draw_fish(draw, body=(150, 130, 100), fin=(110, 90, 70)):
    draw.ellipse((220, 270, 520, 430), fill=body)
    draw.polygon([(500, 350), (600, 270), (600, 430)], fill=fin)
    draw.ellipse((265, 320, 290, 345), fill=BLACK)
    for x in range(320, 480, 40):
        draw.arc((x, 300, x + 50, 400), 300, 60, fill=fin, width=5)


def draw_dried_fish(draw):
    draw_fish(draw)


def draw_shrimp(draw):
    shell = (235, 120, 70)
    for k in range(7):
        angle = math.pi * (0.15 + k * 0.13)
        cx, cy = 400 + 130 * math.cos(angle), 330 + 130 * math.sin(angle)
        r = 48 - k * 4
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=shell, outline=(200, 90, 50), width=4)
    draw.polygon([(520, 300), (600, 230), (590, 290)], fill=shell)  # the head's spike
    draw.line((520, 320, 620, 180), fill=(200, 90, 50), width=4)  # feelers
    draw.line((520, 330, 640, 230), fill=(200, 90, 50), width=4)


def draw_meat(draw):
    sausage, string = (170, 50, 45), (230, 220, 200)
    for k in range(4):
        x = 230 + k * 95
        draw.rounded_rectangle((x, 260, x + 80, 480), radius=40, fill=sausage)
        draw.line((x + 80, 300, x + 95, 300), fill=string, width=6)
        for y in range(290, 460, 40):
            draw.ellipse((x + 25, y, x + 37, y + 12), fill=(235, 200, 190))


def draw_dried_fruit(draw):
    flesh, skin = (245, 175, 40), (215, 120, 20)
    for k, (cx, cy) in enumerate([(320, 300), (480, 300), (400, 430)]):
        draw.chord((cx - 90, cy - 60, cx + 90, cy + 60), 200 + k * 40, 20 + k * 40, fill=flesh, outline=skin, width=6)
    draw.ellipse((540, 440, 620, 520), fill=(230, 110, 30))  # a dried persimmon
    draw.polygon([(565, 440), (580, 420), (595, 440)], fill=DARK_GREEN)


def draw_nuts(draw):
    shell, kernel = (150, 100, 60), (235, 215, 170)
    for cx, cy in [(320, 300), (460, 290), (390, 420), (530, 420), (260, 440)]:
        draw.ellipse((cx - 60, cy - 60, cx + 60, cy + 60), fill=shell)
        draw.pieslice((cx - 45, cy - 45, cx + 45, cy + 45), 300, 60, fill=kernel)


def draw_sweets(draw):
    draw.rectangle((230, 330, 570, 510), fill=(200, 40, 40))  # the gift box
    draw.rectangle((385, 330, 415, 510), fill=(240, 200, 60))
    for cx in (300, 400, 500):  # round cakes on top
        draw.ellipse((cx - 70, 220, cx + 70, 340), fill=(235, 190, 110), outline=(190, 130, 60), width=5)
        draw.ellipse((cx - 15, 265, cx + 15, 295), fill=(190, 130, 60))


def draw_liquor(draw):
    draw.rounded_rectangle((330, 270, 450, 520), radius=30, fill=(190, 215, 220), outline=(120, 150, 160), width=5)
    draw.rectangle((370, 180, 410, 275), fill=(190, 215, 220), outline=(120, 150, 160), width=4)
    draw.rectangle((365, 160, 415, 185), fill=(150, 60, 40))
    draw.rectangle((340, 360, 440, 510), fill=(235, 225, 190))  # the spirit inside
    draw.polygon([(480, 440), (560, 440), (545, 520), (495, 520)], fill=(190, 215, 220))  # a small cup


def draw_juice(draw):
    draw.polygon([(300, 230), (500, 230), (470, 520), (330, 520)], fill=(190, 40, 80), outline=(150, 30, 60))
    draw.rectangle((300, 225, 500, 250), fill=(230, 230, 235))
    draw.line((450, 150, 420, 400), fill=(60, 160, 200), width=12)  # the straw
    draw.ellipse((500, 400, 600, 500), fill=(150, 20, 60))  # mulberries
    draw.ellipse((560, 360, 640, 440), fill=(120, 20, 60))


def draw_herbs(draw):
    draw.line((400, 530, 400, 170), fill=DARK_GREEN, width=10)
    for k in range(6):
        y = 190 + k * 55
        side = -1 if k % 2 else 1
        box = (400, y, 400 + side * 140, y + 60) if side > 0 else (260, y, 400, y + 60)
        leaf(draw, box, (90 + k * 10, 160, 70), DARK_GREEN)


def draw_essential_oil(draw):
    draw.rounded_rectangle((320, 300, 480, 520), radius=20, fill=(120, 70, 30))
    draw.rectangle((370, 250, 430, 300), fill=(30, 30, 30))
    draw.ellipse((360, 160, 440, 260), fill=(30, 30, 30))  # the dropper's bulb
    draw.rounded_rectangle((335, 360, 465, 470), radius=8, fill=CREAM)
    leaf(draw, (360, 385, 440, 445), GREEN, DARK_GREEN)
    draw.polygon([(540, 300), (515, 360), (565, 360)], fill=(240, 190, 60))  # a drop
    draw.ellipse((515, 340, 565, 390), fill=(240, 190, 60))


def draw_brocade(draw):
    colours = [(180, 30, 40), (30, 60, 130), (230, 180, 30), (30, 120, 80)]
    draw.rectangle((220, 170, 580, 520), fill=(25, 25, 35))
    for row in range(6):
        for col in range(6):
            x, y = 230 + col * 58, 180 + row * 57
            draw.polygon([(x + 29, y), (x + 58, y + 28), (x + 29, y + 56), (x, y + 28)], fill=colours[(row + col) % 4])


def draw_silk(draw):
    for k, colour in enumerate([(200, 60, 90), (230, 150, 170), (240, 200, 120)]):
        top = 200 + k * 90
        points = [(220 + x, top + 40 * math.sin(x / 60)) for x in range(0, 380, 10)]
        points += [(220 + x, top + 80 + 40 * math.sin(x / 60)) for x in range(370, -10, -10)]
        draw.polygon(points, fill=colour)


def draw_clothing(draw):
    tunic, trim = (40, 40, 60), (200, 40, 50)
    draw.polygon(
        [
            (330, 170),
            (470, 170),
            (590, 260),
            (550, 320),
            (490, 280),
            (490, 520),
            (310, 520),
            (310, 280),
            (250, 320),
            (210, 260),
        ],
        fill=tunic,
    )
    draw.rectangle((310, 480, 490, 520), fill=trim)
    draw.line((400, 170, 400, 520), fill=trim, width=8)
    for y in range(220, 470, 50):
        draw.ellipse((390, y, 410, y + 20), fill=(230, 190, 60))


def draw_basket(draw):
    weave, dark = (200, 160, 90), (150, 110, 50)
    draw.polygon([(240, 260), (560, 260), (520, 520), (280, 520)], fill=weave)
    for y in range(280, 520, 30):
        draw.line((250, y, 550, y), fill=dark, width=5)
    for x in range(280, 540, 36):
        draw.line((x, 262, x + (400 - x) // 8, 518), fill=dark, width=4)
    draw.arc((300, 150, 500, 370), 180, 360, fill=(120, 70, 40), width=14)  # the handle


def draw_hat(draw):
    straw, line = (225, 200, 140), (170, 140, 80)
    draw.polygon([(400, 170), (200, 450), (600, 450)], fill=straw)
    for k in range(1, 6):
        y = 170 + k * 47
        half = (y - 170) * 200 / 280
        draw.line((400 - half, y, 400 + half, y), fill=line, width=4)
    draw.arc((300, 420, 500, 540), 0, 180, fill=(200, 60, 90), width=8)  # the silk strap


def draw_ceramics(draw):
    glaze, pattern = (240, 240, 235), (40, 80, 160)
    draw.polygon(
        [
            (360, 170),
            (440, 170),
            (430, 230),
            (520, 320),
            (500, 470),
            (440, 520),
            (360, 520),
            (300, 470),
            (280, 320),
            (370, 230),
        ],
        fill=glaze,
        outline=pattern,
    )
    draw.ellipse((340, 320, 460, 440), outline=pattern, width=8)  # a painted lotus
    draw.ellipse((380, 360, 420, 400), fill=pattern)
    draw.line((300, 470, 500, 470), fill=pattern, width=6)


def draw_teaset(draw):
    glaze, pattern = (240, 240, 235), (40, 80, 160)
    draw.ellipse((260, 250, 460, 450), fill=glaze, outline=pattern, width=6)  # the pot
    draw.polygon([(455, 330), (540, 280), (545, 300), (460, 370)], fill=glaze, outline=pattern)
    draw.arc((210, 290, 290, 410), 90, 270, fill=pattern, width=12)
    draw.ellipse((330, 225, 390, 260), fill=pattern)
    for x in (480, 560):  # two cups
        draw.chord((x - 40, 430, x + 40, 520), 0, 180, fill=glaze, outline=pattern, width=5)


def draw_lantern(draw):
    silk, cap = (210, 40, 40), (220, 170, 40)
    draw.ellipse((280, 210, 520, 480), fill=silk)
    for x in (330, 400, 470):
        draw.arc((x - 70, 210, x + 70, 480), 250, 110, fill=(170, 30, 30), width=4)
    draw.rectangle((340, 190, 460, 220), fill=cap)
    draw.rectangle((340, 470, 460, 500), fill=cap)
    draw.line((400, 150, 400, 190), fill=cap, width=6)
    for x in range(370, 440, 12):  # the tassel
        draw.line((x, 500, x, 560), fill=cap, width=4)


def draw_woodcarving(draw):
    draw_fish(draw, body=WOOD, fin=(130, 80, 40))  # a carved carp
    draw.rectangle((260, 470, 560, 500), fill=(110, 70, 35))  # its stand


def draw_homestay(draw):
    roof, wall, stilt = (120, 80, 40), (190, 140, 80), (100, 65, 35)
    draw.polygon([(200, 300), (400, 170), (600, 300)], fill=roof)
    draw.rectangle((250, 300, 550, 420), fill=wall)
    draw.rectangle((370, 330, 430, 420), fill=(90, 60, 30))
    for x in (260, 340, 460, 540):
        draw.rectangle((x, 420, x + 14, 520), fill=stilt)
    draw.line((560, 420, 620, 520), fill=stilt, width=8)  # the ladder


def draw_tour(draw):
    draw.ellipse((500, 160, 580, 240), fill=(245, 190, 50))  # the sun
    draw.polygon([(180, 480), (330, 230), (470, 480)], fill=(60, 120, 80))
    draw.polygon([(360, 480), (500, 290), (640, 480)], fill=(40, 95, 60))
    draw.rectangle((180, 480, 640, 520), fill=(120, 170, 70))
    draw.polygon([(380, 520), (420, 520), (470, 480), (450, 480)], fill=(225, 200, 140))  # the path


KINDS = {
    "honey": draw_honey,
    "tea": draw_tea,
    "coffee": draw_coffee,
    "rice": draw_rice,
    "fish-sauce": draw_fish_sauce,
    "pepper": draw_pepper,
    "squid": draw_squid,
    "dried-fish": draw_dried_fish,
    "shrimp": draw_shrimp,
    "meat": draw_meat,
    "dried-fruit": draw_dried_fruit,
    "nuts": draw_nuts,
    "sweets": draw_sweets,
    "liquor": draw_liquor,
    "juice": draw_juice,
    "herbs": draw_herbs,
    "essential-oil": draw_essential_oil,
    "brocade": draw_brocade,
    "silk": draw_silk,
    "clothing": draw_clothing,
    "basket": draw_basket,
    "hat": draw_hat,
    "ceramics": draw_ceramics,
    "teaset": draw_teaset,
    "lantern": draw_lantern,
    "woodcarving": draw_woodcarving,
    "homestay": draw_homestay,
    "tour": draw_tour,
}

# The picture of a product whose fixture names none: its category's.
KIND_OF_CATEGORY = {
    "gao-ngu-coc": "rice",
    "mat-ong": "honey",
    "nuoc-mam-gia-vi": "fish-sauce",
    "trai-cay-say-an-vat": "dried-fruit",
    "dac-san-thit-hai-san": "dried-fish",
    "tra": "tea",
    "ca-phe": "coffee",
    "ruou-truyen-thong": "liquor",
    "nuoc-ep": "juice",
    "tra-thao-duoc-duoc-lieu": "herbs",
    "tinh-dau-my-pham": "essential-oil",
    "tho-cam": "brocade",
    "lua-to-tam": "silk",
    "trang-phuc-truyen-thong": "clothing",
    "may-tre-dan": "basket",
    "gom-su": "ceramics",
    "son-mai-do-go": "woodcarving",
    "den-long-trang-tri": "lantern",
    "homestay": "homestay",
    "tour-trai-nghiem": "tour",
}


def picture_kind(product):
    """The kind of picture a product of the fixtures gets."""
    return product.get("picture") or KIND_OF_CATEGORY[product["category"]]


def draw_product_image(title, kind, colour):
    """Return a JPEG (bytes) of what the product is, on a light wash of the stall's colour, with its title below."""
    base = hex_to_rgb(colour)
    image = Image.new("RGB", (SIZE, SIZE), mix(base, WHITE, 0.85))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, SIZE, 24), fill=base)
    KINDS[kind](draw)
    lines = textwrap.wrap(title, width=24)[:3]
    y = 570
    for line in lines:
        width = draw.textlength(line, font=font(40))
        draw.text(((SIZE - width) / 2, y), line, font=font(40), fill=mix(base, BLACK, 0.55))
        y += 56
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()

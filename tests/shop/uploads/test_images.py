"""Product pictures are judged by their content: hostile or broken files are refused with a clear Vietnamese message,
and accepted ones are turned upright and stripped of their metadata."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from shop.uploads.images import normalised_image

ORIENTATION = 0x0112
CAMERA_MODEL = 0x0110


def picture_bytes(image_format="JPEG", size=(60, 40), mode="RGB", colour="teal", **options):
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, image_format, **options)
    return buffer.getvalue()


def upload(content, name="anh-san-pham.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(content, **kwargs):
    with pytest.raises(ValidationError) as refused:
        normalised_image(upload(content, **kwargs))
    return refused.value.messages[0]


@pytest.mark.parametrize("image_format,extension", [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp")])
def test_jpeg_png_and_webp_pictures_are_accepted_in_their_own_format(image_format, extension):
    cleaned = normalised_image(upload(picture_bytes(image_format), name=f"Mật ong Đắk Lắk.{extension.upper()}"))
    assert cleaned.name == f"mat-ong-dak-lak.{extension}"
    with Image.open(io.BytesIO(cleaned.read())) as picture:
        assert picture.format == image_format
        assert picture.size == (60, 40)


def test_a_text_file_renamed_jpg_is_refused_as_not_a_picture():
    message = refusal(b"Day la mot tep van ban, khong phai anh.\n" * 20, name="mat-ong.jpg")
    assert "“mat-ong.jpg” không phải ảnh JPEG, PNG hay WebP" in message


def test_a_gif_is_refused_even_though_pillow_reads_it():
    message = refusal(picture_bytes("GIF", mode="P"), name="anh.gif", content_type="image/gif")
    assert "không phải ảnh JPEG, PNG hay WebP" in message


def test_a_pixel_bomb_is_refused_before_it_is_decoded():
    bomb = picture_bytes("PNG", size=(10_000, 10_000), mode="1", colour=0)  # 100 million pixels in a few kilobytes
    assert len(bomb) < 100_000
    message = refusal(bomb, name="bom.png", content_type="image/png")
    assert "quá lớn (10000 × 10000 điểm ảnh, tối đa 40 triệu điểm ảnh)" in message


def test_a_picture_just_over_40_megapixels_is_refused_too():
    message = refusal(picture_bytes("PNG", size=(8_000, 5_001), mode="1", colour=0), name="lon.png")
    assert "tối đa 40 triệu điểm ảnh" in message


def test_a_truncated_jpeg_is_refused():
    whole = picture_bytes("JPEG", size=(400, 300), colour="orange", quality=95)
    message = refusal(whole[: len(whole) // 2], name="bi-cat.jpg")
    assert "“bi-cat.jpg” bị hỏng hoặc không trọn vẹn" in message


def test_a_truncated_png_is_refused():
    whole = picture_bytes("PNG", size=(300, 300), mode="RGB")
    message = refusal(whole[: len(whole) - 30], name="bi-cat.png", content_type="image/png")
    assert "bị hỏng hoặc không trọn vẹn" in message


def test_a_file_over_10_mb_is_refused_by_its_size():
    message = refusal(b"\xff\xd8\xff" + b"\0" * (10 * 1024 * 1024), name="rat-nang.jpg")
    assert "“rat-nang.jpg” nặng 10,0" in message
    assert "vượt quá giới hạn 10 MB" in message


def test_exif_orientation_is_applied_and_every_exif_tag_is_removed():
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # the camera was turned: the picture must be rotated 90° clockwise to stand upright
    exif[CAMERA_MODEL] = "Điện thoại của chị Lan"
    landscape = Image.new("RGB", (60, 40), "white")
    landscape.paste((255, 0, 0), (0, 0, 10, 10))  # a red mark in the top-left corner
    buffer = io.BytesIO()
    landscape.save(buffer, "JPEG", exif=exif, quality=95)
    with Image.open(io.BytesIO(buffer.getvalue())) as sent:
        assert sent.getexif()[ORIENTATION] == 6

    cleaned = normalised_image(upload(buffer.getvalue(), name="chup-nghieng.jpg"))

    with Image.open(io.BytesIO(cleaned.read())) as stored:
        assert stored.size == (40, 60)  # upright now
        assert dict(stored.getexif()) == {}
        assert "exif" not in stored.info
        red, green, _blue = stored.convert("RGB").getpixel((35, 3))  # the mark turned to the top-right corner
        assert red > 200 and green < 80


def test_a_png_keeps_its_transparency_but_not_its_text_chunks():
    from PIL import PngImagePlugin

    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "GPS 10.123, 105.456")
    content = picture_bytes("PNG", mode="RGBA", colour=(0, 128, 0, 0), pnginfo=text)
    cleaned = normalised_image(upload(content, name="trong-suot.png", content_type="image/png"))
    with Image.open(io.BytesIO(cleaned.read())) as stored:
        assert stored.mode == "RGBA"
        assert stored.getpixel((0, 0))[3] == 0
        assert "Comment" not in stored.info

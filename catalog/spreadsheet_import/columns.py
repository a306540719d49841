"""The columns of the import template: their keys (the header row), labels, limits, examples and notes."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool = False
    max_length: int | None = None
    field: str | None = None  # the Product field a plain text column fills
    example: str = ""
    note: str = ""


COLUMNS = (
    Column("ten_san_pham", _("Tên sản phẩm"), True, 255, example="Mật ong rừng tràm U Minh Hạ"),
    Column(
        "danh_muc",
        _("Danh mục"),
        True,
        example="mat-ong",
        note=_("Tên hoặc mã của một danh mục không còn danh mục con (xem trang “Danh mục”)."),
    ),
    Column("gia", _("Giá bán (đồng)"), True, example="185000", note=_("Số đồng chẵn, ví dụ 185000 hoặc 185.000.")),
    Column("ton_kho", _("Số lượng tồn kho"), True, example="20", note=_("Số nguyên; 0 nếu đã hết hàng.")),
    Column("don_vi", _("Đơn vị / quy cách"), max_length=64, field="unit", example="Hũ 500 ml"),
    Column("khoi_luong_tinh", _("Khối lượng / thể tích tịnh"), max_length=32, field="net_quantity", example="500 ml"),
    Column(
        "tinh_xuat_xu",
        _("Xuất xứ (tỉnh / thành phố)"),
        example="Cà Mau",
        note=_("Một trong 34 tỉnh, thành phố (xem trang “Danh mục”)."),
    ),
    Column(
        "vung_nguyen_lieu",
        _("Vùng nguyên liệu"),
        max_length=200,
        field="origin_area",
        example="Rừng tràm U Minh Hạ, xã Khánh An",
    ),
    Column("thanh_phan", _("Thành phần"), max_length=2000, field="ingredients", example="Mật ong nguyên chất 100%"),
    Column("han_su_dung", _("Hạn sử dụng"), max_length=100, field="shelf_life", example="24 tháng kể từ ngày sản xuất"),
    Column(
        "bao_quan",
        _("Hướng dẫn bảo quản"),
        max_length=2000,
        field="storage_instructions",
        example="Nơi khô ráo, thoáng mát, tránh ánh nắng trực tiếp",
    ),
    Column(
        "mo_ta",
        _("Mô tả sản phẩm"),
        max_length=5000,
        example="Mật ong khai thác từ rừng tràm, không pha trộn.",
        note=_("Chữ thường; mã HTML sẽ hiện nguyên văn."),
    ),
)
COLUMN_BY_KEY = {column.key: column for column in COLUMNS}

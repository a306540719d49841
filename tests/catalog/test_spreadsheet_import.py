"""A cooperative member fills in a spreadsheet (Excel or CSV) of products and uploads it: every row is checked first,
one bad row means nothing is created and every error is listed by row and column, a good file becomes drafts of the
member's stall with their prices and stock, and a status page follows the import."""

import csv
import html
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model

from catalog.imports import ProductImport
from catalog.spreadsheet_import import COLUMNS
from catalog.tasks import run_product_import
from storefronts.models import Province
from tests.factories import DraftStorefrontFactory, MembershipFactory, StorefrontFactory, UserFactory

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

IMPORT = reverse("catalog-seller:import")
KEYS = [column.key for column in COLUMNS]


def status_url(product_import):
    return reverse("catalog-seller:import-status", kwargs={"pk": product_import.pk})


@pytest.fixture
def categories(db):
    food = Category.add_root(name="Thực phẩm", slug="thuc-pham")
    honey = food.add_child(name="Mật ong", slug="mat-ong")
    food.refresh_from_db()
    tea = food.add_child(name="Trà", slug="tra")
    return {"food": food, "honey": honey, "tea": tea}


@pytest.fixture
def stall(db):
    return StorefrontFactory()


@pytest.fixture
def member(client, stall):
    user = MembershipFactory(cooperative=stall.cooperative).user
    client.force_login(user)
    return user


def product_row(number=1, **changes):
    row = {
        "ten_san_pham": f"Mật ong rừng tràm U Minh Hạ {number}",
        "danh_muc": "Mật ong",
        "gia": "185000",
        "ton_kho": "20",
        "don_vi": "Hũ 500 ml",
        "khoi_luong_tinh": "500 ml",
        "tinh_xuat_xu": "Cà Mau",
        "vung_nguyen_lieu": "Rừng tràm U Minh Hạ",
        "thanh_phan": "Mật ong nguyên chất 100%",
        "han_su_dung": "24 tháng",
        "bao_quan": "Nơi khô ráo",
        "mo_ta": "Mật ong khai thác từ rừng tràm.",
    }
    row.update(changes)
    return row


def xlsx_file(rows, header=KEYS, name="san-pham.xlsx"):
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet("Sản phẩm")
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(key) for key in header] if isinstance(row, dict) else row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def csv_file(rows, header=KEYS, name="san-pham.csv", bom=True, delimiter=","):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(key, "") for key in header])
    return SimpleUploadedFile(name, (("\ufeff" if bom else "") + buffer.getvalue()).encode("utf-8"))


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    """POST a file to the import form; the import task runs when the request's transaction commits."""

    def post(file):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(IMPORT, {"file": file})

    return post


def page_text(response):
    return html.unescape(response.content.decode())


# --- Templates --------------------------------------------------------------------------------------------------------


def test_member_downloads_an_excel_template_with_the_columns_an_example_and_the_valid_names(client, member, categories):
    response = client.get(reverse("catalog-seller:import-template", kwargs={"fmt": "xlsx"}))

    assert response.status_code == 200
    assert "mau-nhap-san-pham.xlsx" in response["Content-Disposition"]
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    products_sheet = workbook.worksheets[0]
    rows = list(products_sheet.iter_rows(values_only=True))
    assert list(rows[0]) == KEYS
    assert len(rows) == 2 and rows[1][0]
    names = {cell for row in workbook["Danh mục"].iter_rows(values_only=True) for cell in row if cell}
    assert {"Mật ong", "Trà", "Cà Mau", "Thành phố Hà Nội"} <= names
    assert "Thực phẩm" not in names  # a category with subcategories takes no product


def test_member_downloads_a_csv_template_in_utf8_with_a_bom(client, member, categories):
    response = client.get(reverse("catalog-seller:import-template", kwargs={"fmt": "csv"}))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == KEYS
    assert len(rows) == 2 and rows[1][0]


def test_an_unknown_template_format_is_not_found(client, member):
    assert client.get(reverse("catalog-seller:import-template", kwargs={"fmt": "xls"})).status_code == 404


def test_the_template_filled_in_as_it_comes_imports_its_example_row(client, member, categories, upload):
    template = client.get(reverse("catalog-seller:import-template", kwargs={"fmt": "xlsx"})).content

    response = upload(SimpleUploadedFile("mau-nhap-san-pham.xlsx", template))

    assert response.status_code == 302
    assert ProductImport.objects.get().status == ProductImport.Status.DONE
    assert Product.objects.count() == 1


# --- Good files -------------------------------------------------------------------------------------------------------


def test_a_valid_excel_file_creates_every_product_as_a_draft_with_its_price_and_stock(
    client, member, stall, categories, upload
):
    rows = [
        product_row(1, gia=185000, ton_kho=20, mo_ta="Đoạn một <script>alert(1)</script>\n\nĐoạn hai"),
        product_row(2, danh_muc="tra", gia="250.000", ton_kho=0, tinh_xuat_xu="Thành phố Hà Nội"),
        product_row(3, danh_muc="MẬT ONG", gia="1,250,000", ton_kho="7", tinh_xuat_xu="", don_vi=""),
    ]

    response = upload(xlsx_file(rows))

    product_import = ProductImport.objects.get()
    assert response.status_code == 302 and response["Location"] == status_url(product_import)
    assert product_import.status == ProductImport.Status.DONE
    assert (product_import.created_count, product_import.total_rows, product_import.processed_rows) == (3, 3, 3)
    assert product_import.user == member and product_import.file_name == "san-pham.xlsx"
    created = {product.title: product for product in Product.objects.filter(storefront=stall)}
    assert len(created) == 3
    first = created["Mật ong rừng tràm U Minh Hạ 1"]
    assert not first.is_public
    assert first.product_class.slug == "hang-hoa-htx"
    assert list(first.categories.all()) == [categories["honey"]]
    assert first.origin_province == Province.objects.get(slug="ca-mau")
    assert (first.unit, first.net_quantity, first.shelf_life) == ("Hũ 500 ml", "500 ml", "24 tháng")
    assert "<script>" not in first.description and "&lt;script&gt;" in first.description
    assert first.description.count("<p>") == 2
    records = {record.product.title: record for record in StockRecord.objects.select_related("product")}
    assert records["Mật ong rừng tràm U Minh Hạ 1"].price == Decimal(185000)
    assert records["Mật ong rừng tràm U Minh Hạ 1"].num_in_stock == 20
    assert records["Mật ong rừng tràm U Minh Hạ 2"].price == Decimal(250000)
    assert records["Mật ong rừng tràm U Minh Hạ 2"].num_in_stock == 0
    assert records["Mật ong rừng tràm U Minh Hạ 3"].price == Decimal(1250000)
    assert {record.partner_id for record in records.values()} == {stall.partner_id}
    assert {record.price_currency for record in records.values()} == {"VND"}
    assert len({record.partner_sku for record in records.values()}) == 3
    assert list(created["Mật ong rừng tràm U Minh Hạ 2"].categories.all()) == [categories["tea"]]
    assert created["Mật ong rừng tràm U Minh Hạ 2"].origin_province.slug == "hanoi"
    assert created["Mật ong rừng tràm U Minh Hạ 3"].origin_province is None

    page = client.get(status_url(product_import))
    assert "Đã tạo 3 sản phẩm ở dạng nháp." in page_text(page)
    assert reverse("catalog-seller:list") in page_text(page)
    assert 'http-equiv="refresh"' not in page_text(page)


@pytest.mark.parametrize(
    ("bom", "delimiter"), [(True, ","), (False, ","), (True, ";")], ids=["bom", "no-bom", "semicolons"]
)
def test_a_valid_csv_file_creates_every_product_as_a_draft(client, member, stall, categories, upload, bom, delimiter):
    rows = [product_row(1, gia="185.000"), product_row(2, gia="99000", ton_kho="3", danh_muc="Trà")]

    upload(csv_file(rows, bom=bom, delimiter=delimiter))

    assert ProductImport.objects.get().status == ProductImport.Status.DONE
    records = StockRecord.objects.filter(product__storefront=stall).order_by("price")
    assert [(record.product.title, record.price, record.num_in_stock) for record in records] == [
        ("Mật ong rừng tràm U Minh Hạ 2", Decimal(99000), 3),
        ("Mật ong rừng tràm U Minh Hạ 1", Decimal(185000), 20),
    ]
    assert not Product.objects.filter(is_public=True).exists()


def test_blank_rows_are_skipped_and_errors_keep_the_spreadsheets_row_numbers(client, member, categories, upload):
    rows = [product_row(1), [None] * len(KEYS), product_row(2, gia="")]

    upload(xlsx_file(rows))

    assert ProductImport.objects.get().errors == [{"row": 4, "column": "gia", "message": "Hãy nhập giá bán."}]


def test_a_two_thousand_row_file_imports_every_row(client, member, stall, categories, upload):
    rows = [product_row(number, gia=10000 + number) for number in range(1, 2001)]

    upload(xlsx_file(rows))

    product_import = ProductImport.objects.get()
    assert product_import.status == ProductImport.Status.DONE
    assert product_import.created_count == product_import.processed_rows == 2000
    assert Product.objects.filter(storefront=stall, is_public=False).count() == 2000
    assert StockRecord.objects.filter(partner=stall.partner).values("partner_sku").distinct().count() == 2000


def test_an_imported_product_gets_the_stock_record_the_form_would_give_it(client, member, stall, categories, upload):
    upload(csv_file([product_row(1, gia="185.000", ton_kho="7")]))

    assert ProductImport.objects.get().status == ProductImport.Status.DONE
    product = Product.objects.get(storefront=stall)
    record = product.stockrecords.get()
    assert (record.partner, record.partner_sku, record.price_currency) == (
        stall.partner,
        f"HTX-{product.pk:07d}",
        "VND",
    )
    assert (record.price, record.num_in_stock) == (Decimal(185000), 7)


def test_running_the_task_again_does_not_import_twice(client, member, stall, categories, upload):
    upload(csv_file([product_row(1)]))
    product_import = ProductImport.objects.get()
    assert product_import.status == ProductImport.Status.DONE
    assert Product.objects.filter(storefront=stall).count() == 1  # the upload's own run imported the row

    run_product_import(product_import.pk)

    assert Product.objects.filter(storefront=stall).count() == 1


# --- Bad rows: nothing is created -------------------------------------------------------------------------------------


def test_one_bad_row_among_good_ones_creates_nothing_and_lists_its_row_and_column(client, member, categories, upload):
    rows = [product_row(1), product_row(2, gia="185000,5"), product_row(3)]

    response = upload(xlsx_file(rows))

    product_import = ProductImport.objects.get()
    assert product_import.status == ProductImport.Status.FAILED
    assert Product.objects.count() == 0 and StockRecord.objects.count() == 0
    assert product_import.errors == [
        {
            "row": 3,
            "column": "gia",
            "message": "Giá bán tính bằng đồng chẵn, không có phần lẻ: hãy nhập ví dụ 185000 chứ không phải 185000,5.",
        }
    ]
    page = page_text(client.get(response["Location"]))
    assert "chưa có sản phẩm nào được tạo" in page
    assert '<th scope="col">Dòng</th>' in page and '<th scope="col">Cột</th>' in page
    assert "<td>3</td>" in page and "<code>gia</code>" in page
    assert "không có phần lẻ" in page


@pytest.mark.parametrize(
    ("column", "value", "message"),
    [
        ("gia", 185000.5, "không có phần lẻ"),
        ("gia", "-5", "Giá bán phải lớn hơn 0 đồng."),
        ("gia", "0", "Giá bán phải lớn hơn 0 đồng."),
        ("gia", "một trăm", "Giá bán phải là một số tiền bằng đồng"),
        ("ton_kho", "-1", "không được âm"),
        ("ton_kho", "2,5", "không có phần lẻ"),
        ("ten_san_pham", "", "Hãy nhập tên sản phẩm."),
        ("ten_san_pham", "M" * 256, "Dài tối đa 255 ký tự; ô này có 256 ký tự."),
        ("khoi_luong_tinh", "5" * 33, "Dài tối đa 32 ký tự"),
        ("danh_muc", "", "Hãy nhập danh mục"),
        ("danh_muc", "Rau củ", "Không có danh mục “Rau củ”"),
        ("danh_muc", "Thực phẩm", "còn có danh mục con"),
        ("tinh_xuat_xu", "Hà Tây", "Không có tỉnh / thành phố “Hà Tây”"),
    ],
)
def test_each_bad_value_is_refused_with_a_vietnamese_message(
    client, member, categories, upload, column, value, message
):
    upload(xlsx_file([product_row(1), product_row(2, **{column: value})]))

    product_import = ProductImport.objects.get()
    assert product_import.status == ProductImport.Status.FAILED
    assert Product.objects.count() == 0
    [error] = product_import.errors
    assert (error["row"], error["column"]) == (3, column)
    assert message in error["message"]


def test_every_error_of_every_row_is_listed(client, member, categories, upload):
    rows = [product_row(1, gia="abc", tinh_xuat_xu="Sài Gòn"), product_row(2), product_row(3, danh_muc="", ton_kho="")]

    upload(csv_file(rows))

    errors = ProductImport.objects.get().errors
    assert [(error["row"], error["column"]) for error in errors] == [
        (2, "gia"),
        (2, "tinh_xuat_xu"),
        (4, "danh_muc"),
        (4, "ton_kho"),
    ]


# --- Refused files: nothing is stored ---------------------------------------------------------------------------------


def refused(response):
    assert response.status_code == 400
    assert ProductImport.objects.count() == 0 and Product.objects.count() == 0
    return page_text(response)


def test_wrong_columns_are_named_in_one_clear_message(client, member, categories, upload):
    header = [key for key in KEYS if key not in ("gia", "ton_kho")] + ["price", "ghi chú"]

    page = refused(upload(xlsx_file([["x"] * len(header)], header=header)))

    assert "Thiếu cột: “gia”, “ton_kho”. Cột không nhận ra: “price”, “ghi chú”." in page


def test_headers_match_after_trimming_and_lower_casing_and_optional_columns_may_be_left_out(
    client, member, categories, upload
):
    header = [" TEN_SAN_PHAM ", "Danh_Muc", "gia", "ton_kho"]

    upload(xlsx_file([["Trà Shan tuyết", "tra", 120000, 5]], header=header))

    assert Product.objects.get().title == "Trà Shan tuyết"


def test_a_text_file_renamed_as_xlsx_is_refused(client, member, categories, upload):
    page = refused(upload(SimpleUploadedFile("san-pham.xlsx", "ten_san_pham,danh_muc\nMật ong,mat-ong\n".encode())))

    assert "nội dung không phải bảng tính Excel" in page


def test_a_file_of_another_kind_is_refused(client, member, upload):
    page = refused(upload(SimpleUploadedFile("san-pham.pdf", b"%PDF-1.4")))

    assert "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)" in page


def test_a_csv_file_not_in_utf8_is_refused(client, member, categories, upload):
    content = "ten_san_pham,danh_muc,gia,ton_kho\nTrà xanh Thái Nguyên,tra,120000,5\n".encode("cp1252")

    page = refused(upload(SimpleUploadedFile("san-pham.csv", content)))

    assert "UTF-8" in page


def test_a_damaged_excel_file_is_refused(client, member, upload):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    page = refused(upload(SimpleUploadedFile("san-pham.xlsx", buffer.getvalue())))

    assert "Không đọc được nội dung tệp" in page


def test_a_file_over_5_mb_is_refused(client, member, upload):
    page = refused(upload(SimpleUploadedFile("san-pham.csv", b"a" * (5 * 1024 * 1024 + 1))))

    assert "tối đa 5 MB" in page


def test_a_file_with_only_the_header_is_refused(client, member, upload):
    page = refused(upload(csv_file([])))

    assert "chưa có dòng sản phẩm nào" in page


def test_a_ten_thousand_row_file_is_refused_at_once_and_nothing_is_stored(client, member, categories, upload):
    header = ["ten_san_pham", "danh_muc", "gia", "ton_kho"]
    file = xlsx_file([["Mật ong rừng", "mat-ong", 185000, 20]] * 10_000, header=header)

    page = refused(upload(file))

    assert "Tệp có hơn 2.000 dòng sản phẩm" in page


def test_no_file_chosen_is_refused(client, member):
    page = refused(client.post(IMPORT, {}))

    assert "Hãy chọn tệp bảng tính để tải lên." in page


# --- The status page and who gets in ----------------------------------------------------------------------------------


def test_the_page_of_a_running_import_shows_progress_and_refreshes_itself(client, member, stall):
    product_import = ProductImport.objects.create(
        storefront=stall, user=member, file_name="san-pham.xlsx", status="running", total_rows=120, processed_rows=50
    )

    response = client.get(status_url(product_import))

    assert response.status_code == 200
    page = page_text(response)
    assert '<meta http-equiv="refresh" content="2">' in page
    assert 'max="120" value="50"' in page
    assert "Đang kiểm tra các dòng: 50 / 120." in page


def test_the_import_page_offers_both_templates_and_lists_recent_imports(client, member, stall):
    ProductImport.objects.create(storefront=stall, user=member, file_name="dot-1.csv", status="done", created_count=4)
    ProductImport.objects.create(storefront=StorefrontFactory(), file_name="cua-htx-khac.csv")

    page = page_text(client.get(IMPORT))

    assert reverse("catalog-seller:import-template", kwargs={"fmt": "xlsx"}) in page
    assert reverse("catalog-seller:import-template", kwargs={"fmt": "csv"}) in page
    assert "dot-1.csv" in page and "cua-htx-khac.csv" not in page
    assert "<code>ten_san_pham</code>" in page


def test_member_cannot_see_another_stalls_import(client, member):
    other = ProductImport.objects.create(storefront=StorefrontFactory(), file_name="cua-htx-khac.xlsx")

    assert client.get(status_url(other)).status_code == 404


def test_visitor_is_sent_to_sign_in(client, db):
    response = client.get(IMPORT)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login"))


@pytest.mark.parametrize("url_name", ["catalog-seller:import", "catalog-seller:import-template"])
def test_member_of_a_stall_not_yet_approved_is_told_why(client, db, url_name):
    membership = MembershipFactory()
    DraftStorefrontFactory(cooperative=membership.cooperative)
    client.force_login(membership.user)
    kwargs = {"fmt": "csv"} if url_name.endswith("template") else {}

    response = client.get(reverse(url_name, kwargs=kwargs))

    assert response.status_code == 403
    assert (
        "Chỉ gian hàng đã gửi hồ sơ hoặc đã được cán bộ Liên minh HTX duyệt mới chuẩn bị và đăng được sản phẩm."
        in page_text(response)
    )


def test_signed_in_user_without_a_cooperative_is_told_to_register_a_stall(client, db):
    client.force_login(UserFactory())

    response = client.post(IMPORT, {"file": csv_file([product_row(1)])})

    assert response.status_code == 403
    assert ProductImport.objects.count() == 0

"""Demo news and guides for `manage.py load_demo`: two announcements and the two guides cooperatives ask for first.

Some translations are left out on purpose (the second news item has no Chinese, the OCOP guide's steps no Chinese)
so the demo shows how a missing translation reads: the Vietnamese text, marked lang="vi". Each page is found by its
slug and created only when missing, so loading the demo again changes nothing and editors' changes survive it.
"""

from datetime import timedelta

from django.utils import timezone

from themes.home import ensure_home_page
from themes.models import GuideIndexPage, GuidePage, NewsIndexPage, NewsPage

NEWS = [
    {
        "slug": "cho-htx-mo-cua",
        "days_ago": 2,
        "title": {
            "vi": "Chợ HTX mở cửa: hợp tác xã mở gian hàng trực tuyến miễn phí",
            "en": "Chợ HTX opens: cooperatives can open an online stall free of charge",
            "zh_hans": "合作社市场上线：合作社可免费开设网上摊位",
        },
        "intro": {
            "vi": "Liên minh Hợp tác xã Việt Nam khai trương chợ trực tuyến dành riêng cho hợp tác xã, tổ hợp tác và sản phẩm OCOP.",
            "en": "The Vietnam Cooperative Alliance opens an online marketplace for cooperatives, cooperative groups and OCOP products.",
            "zh_hans": "越南合作社联盟推出专为合作社、合作组和OCOP产品打造的网上市场。",
        },
        "body": {
            "vi": "<p>Từ hôm nay, mọi hợp tác xã đã đăng ký có thể mở gian hàng trên Chợ HTX mà không mất phí. "
            "Cán bộ Liên minh HTX xem hồ sơ và báo kết quả qua thư điện tử.</p>"
            "<p>Người mua trong nước và ở nước ngoài mua được hàng của nhiều gian hàng trong một giỏ, "
            "thanh toán bằng thẻ, chuyển khoản hoặc khi nhận hàng.</p>",
            "en": "<p>From today every registered cooperative can open a stall on Chợ HTX free of charge. "
            "Staff of the Cooperative Alliance review each application and reply by e-mail.</p>"
            "<p>Buyers in Vietnam and abroad can buy from several stalls in one basket and pay by card, "
            "by bank transfer or on delivery.</p>",
            "zh_hans": "<p>从今天起，所有已注册的合作社都可以在合作社市场免费开设摊位。"
            "合作社联盟的工作人员审核申请，并通过电子邮件答复。</p>"
            "<p>越南国内外的买家可以在一个购物车中购买多个摊位的商品，并用银行卡、转账或货到付款方式支付。</p>",
        },
    },
    {
        "slug": "chung-nhan-ocop-36-thang",
        "days_ago": 9,
        "title": {
            "vi": "Giấy chứng nhận OCOP có hiệu lực 36 tháng: nhớ đánh giá lại trước khi hết hạn",
            "en": "OCOP certificates are valid for 36 months: apply for re-assessment before they expire",
        },
        "intro": {
            "vi": "Số sao OCOP chỉ hiện trên sản phẩm khi giấy chứng nhận còn hiệu lực; Chợ HTX nhắc gian hàng 30 ngày trước ngày hết hạn.",
            "en": "OCOP stars show on a product only while its certificate is valid; Chợ HTX reminds the stall 30 days before it expires.",
        },
        "body": {
            "vi": "<p>Theo Chương trình Mỗi xã một sản phẩm, giấy chứng nhận OCOP có hiệu lực 36 tháng kể từ ngày quyết định. "
            "Khi giấy chứng nhận hết hạn, số sao không còn hiện trên trang sản phẩm và trong bộ lọc tìm kiếm.</p>"
            "<p>Hợp tác xã nên nộp hồ sơ đánh giá lại sớm và khai báo giấy chứng nhận mới ngay khi nhận được.</p>",
            "en": "<p>Under the One Commune One Product programme an OCOP certificate is valid for 36 months from the "
            "date of the decision. Once it expires, the stars no longer show on the product page or in the search "
            "filters.</p><p>Cooperatives should apply for re-assessment early and declare the new certificate as soon "
            "as they receive it.</p>",
        },
    },
]


def step(title, text):
    return {"type": "step", "value": {"title": title, "text": text, "image": None}}


GUIDES = [
    {
        "slug": "cach-mo-gian-hang",
        "title": {"vi": "Cách mở gian hàng", "en": "How to open a stall", "zh_hans": "如何开设摊位"},
        "intro": {
            "vi": "Bốn bước để hợp tác xã của bạn bán hàng trên Chợ HTX.",
            "en": "Four steps for your cooperative to sell on Chợ HTX.",
            "zh_hans": "四个步骤，让您的合作社在合作社市场上销售商品。",
        },
        "steps": [
            step(
                {"vi": "Tạo tài khoản", "en": "Create an account", "zh_hans": "注册账户"},
                {
                    "vi": "<p>Đăng ký tài khoản bằng địa chỉ thư điện tử của hợp tác xã, rồi đăng nhập.</p>",
                    "en": "<p>Register with your cooperative's e-mail address, then sign in.</p>",
                    "zh_hans": "<p>用合作社的电子邮箱注册账户，然后登录。</p>",
                },
            ),
            step(
                {
                    "vi": "Điền thông tin hợp tác xã",
                    "en": "Fill in your cooperative's details",
                    "zh_hans": "填写合作社信息",
                },
                {
                    "vi": "<p>Vào <b>Gian hàng của tôi</b>, điền tên, mã số hợp tác xã (mã số thuế), loại hình, tỉnh, thành và địa chỉ liên hệ.</p>",
                    "en": "<p>Go to <b>My stall</b> and enter the name, registration (tax) number, kind of cooperative, province and contact address.</p>",
                    "zh_hans": "<p>进入<b>我的摊位</b>，填写名称、合作社编号（税号）、类型、省市和联系地址。</p>",
                },
            ),
            step(
                {"vi": "Giới thiệu gian hàng", "en": "Present your stall", "zh_hans": "介绍您的摊位"},
                {
                    "vi": "<p>Đặt tên gian hàng, khẩu hiệu và lời giới thiệu. Bạn có thể viết thêm bằng tiếng Anh và tiếng Trung để người mua nước ngoài đọc được.</p>",
                    "en": "<p>Give the stall a name, a tagline and a short story. You can add English and Chinese versions for buyers abroad.</p>",
                    "zh_hans": "<p>填写摊位名称、口号和简介。您可以添加英文和中文版本，方便海外买家阅读。</p>",
                },
            ),
            step(
                {"vi": "Tải giấy tờ và gửi hồ sơ", "en": "Upload documents and apply", "zh_hans": "上传文件并提交申请"},
                {
                    "vi": "<p>Tải bản quét giấy chứng nhận đăng ký hợp tác xã rồi bấm <b>Gửi hồ sơ để duyệt</b>. Cán bộ Liên minh HTX báo kết quả qua thư điện tử; khi gian hàng được duyệt, bạn thêm được sản phẩm.</p>",
                    "en": "<p>Upload a scan of the cooperative's registration certificate and press <b>Submit for review</b>. Alliance staff reply by e-mail; once the stall is approved you can add products.</p>",
                    "zh_hans": "<p>上传合作社注册证书的扫描件，然后点击<b>提交审核</b>。联盟工作人员会通过电子邮件通知结果；摊位获批后即可添加商品。</p>",
                },
            ),
        ],
    },
    {
        "slug": "cach-them-chung-nhan-ocop",
        "title": {
            "vi": "Cách thêm chứng nhận OCOP",
            "en": "How to add an OCOP certificate",
            "zh_hans": "如何添加OCOP证书",
        },
        "intro": {
            "vi": "Để số sao OCOP hiện trên sản phẩm, gian hàng khai báo giấy chứng nhận và chờ cán bộ xác minh.",
            "en": "To show OCOP stars on a product, the stall declares the certificate and waits for staff to verify it.",
        },
        "steps": [
            step(
                {"vi": "Mở mục giấy chứng nhận OCOP", "en": "Open the OCOP certificates page"},
                {
                    "vi": "<p>Trong <b>Gian hàng của tôi</b>, chọn <b>Giấy chứng nhận OCOP</b> rồi <b>Khai báo giấy chứng nhận</b>.</p>",
                    "en": "<p>In <b>My stall</b>, choose <b>OCOP certificates</b>, then <b>Declare a certificate</b>.</p>",
                },
            ),
            step(
                {"vi": "Điền đúng như trên giấy", "en": "Copy the certificate exactly"},
                {
                    "vi": "<p>Nhập số sao, điểm, số giấy chứng nhận, số và ngày quyết định, cấp công nhận, rồi chọn các sản phẩm có tên trên giấy chứng nhận.</p>",
                    "en": "<p>Enter the stars, the score, the certificate number, the decision's number and date and the issuing level, then choose the products named on the certificate.</p>",
                },
            ),
            step(
                {"vi": "Tải bản quét", "en": "Upload the scan"},
                {
                    "vi": "<p>Tải bản quét PDF hoặc ảnh chụp JPG, PNG rõ nét của giấy chứng nhận, tối đa 10 MB.</p>",
                    "en": "<p>Upload a clear PDF scan or JPG/PNG photo of the certificate, up to 10 MB.</p>",
                },
            ),
            step(
                {"vi": "Chờ xác minh", "en": "Wait for verification"},
                {
                    "vi": "<p>Cán bộ Liên minh HTX đối chiếu với bản quét và báo kết quả qua thư điện tử. Khi được xác minh, số sao hiện trên sản phẩm tới ngày hết hạn; Chợ HTX nhắc bạn 30 ngày trước đó.</p>",
                    "en": "<p>Alliance staff check the scan and reply by e-mail. Once verified, the stars show on the products until the expiry date; Chợ HTX reminds you 30 days before.</p>",
                },
            ),
        ],
    },
]


def localized(field, texts):
    """{"vi": ..., "en": ...} → {"field_vi": ..., "field_en": ...} (Wagtail's title holds the Vietnamese title)."""
    return {f"{field}_{box}": text for box, text in texts.items() if not (field == "display_title" and box == "vi")}


def load_demo_content():
    """Create the demo news and guides that are missing; returns how many pages were created."""
    ensure_home_page()
    created = 0
    news_index = NewsIndexPage.objects.first()
    for item in NEWS:
        if not NewsPage.objects.filter(slug=item["slug"]).exists():
            news_index.add_child(
                instance=NewsPage(
                    title=item["title"]["vi"],
                    slug=item["slug"],
                    date=timezone.localdate() - timedelta(days=item["days_ago"]),
                    **localized("display_title", item["title"]),
                    **localized("intro", item["intro"]),
                    **localized("body", item["body"]),
                )
            )
            created += 1
    guide_index = GuideIndexPage.objects.first()
    for guide in GUIDES:
        if not GuidePage.objects.filter(slug=guide["slug"]).exists():
            guide_index.add_child(
                instance=GuidePage(
                    title=guide["title"]["vi"],
                    slug=guide["slug"],
                    steps=guide["steps"],
                    **localized("display_title", guide["title"]),
                    **localized("intro", guide["intro"]),
                )
            )
            created += 1
    return created

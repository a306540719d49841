"""The production stack's smoke test (``make prod-smoke``, run by .ci/run): with ``deploy/stack.py up --demo`` running,
go through nginx as an operator, a buyer and a cooperative member would, then rehearse a backup and restore.

1. /healthz through nginx: database, cache, broker and search each "ok", search on the engine.
2. The home page: gzip, a request id, static files with a year's cache headers from nginx.
3. A search through the API, answered by the OpenSearch node (its query counter moves).
4. A buyer adds a product to the basket and checks out with cash on delivery in a real browser; the Celery worker
   writes the order's e-mail.
5. Two app instances: a product page kept by instance 2's page cache shows the new title at once after the member
   edits the product through instance 1.
6. Backup, drop, restore: the same order is found and served again.

Each step prints what it checked; the first failure stops the test with its reason (exit status 1).
"""

import json
import re
import shutil
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import requests
from playwright.sync_api import expect, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "deploy"))
import stack  # noqa: E402 (the stack's own paths and ports)

BASE = f"https://127.0.0.1:{stack.HTTPS_PORT}"
INSTANCE = {index: f"https://127.0.0.1:{stack.HTTPS_PORT + index}" for index in range(1, stack.APP_INSTANCES + 1)}
CERT = str(stack.TLS / "cert.pem")
MEMBER = ("thanhvien@chohtx.example.vn", "thanhvien-demo-2026")  # the demo's member of the Tả Van stall
BUYER_EMAIL = "smoke-buyer@example.vn"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class SmokeFailure(AssertionError):
    pass


def check(condition, message):
    if not condition:
        raise SmokeFailure(message)


def passed(message):
    print(f"smoke: ok   {message}", flush=True)


def session():
    client = requests.Session()
    client.trust_env = False  # REQUESTS_CA_BUNDLE would otherwise win over the stack's own certificate
    client.verify = CERT
    return client


def health(client):
    answer = client.get(f"{BASE}/healthz", timeout=10)
    body = answer.json()
    check(answer.status_code == 200, f"/healthz answered {answer.status_code}: {body}")
    for part in ("database", "cache", "broker", "search"):
        check(body[part]["status"] == "ok", f"/healthz: {part} is {body[part]}")
    check(body["search"]["backend"] == "elasticsearch", f"search is not on the engine: {body['search']}")
    check(body["broker"]["broker"] == "redis", f"tasks do not go through Redis: {body['broker']}")
    passed("/healthz through nginx: database, cache, broker and search engine ok")


def home_and_static(client):
    home = client.get(f"{BASE}/vi/", headers={"Accept-Encoding": "gzip"}, timeout=20)
    check(home.status_code == 200, f"home page answered {home.status_code}")
    check(home.headers.get("Content-Encoding") == "gzip", "home page not compressed")
    check(re.fullmatch(r"[0-9a-f]{32}", home.headers.get("X-Request-ID", "")), "no request id from nginx")
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home.text)
    check(stylesheet, "no stylesheet on the home page")
    css = client.get(BASE + stylesheet.group(1), timeout=10)
    check(css.status_code == 200, f"{stylesheet.group(1)} answered {css.status_code}")
    check("immutable" in css.headers.get("Cache-Control", ""), f"static cache headers: {css.headers}")
    passed(f"home page gzipped with request id {home.headers['X-Request-ID']}; static files cached for a year")


def engine_queries(engine_url):
    stats = requests.get(f"{engine_url}/_nodes/stats/indices/search", timeout=10).json()
    return sum(node["indices"]["search"]["query_total"] for node in stats["nodes"].values())


def search(client):
    engine_url = stack.read_environment()["ELASTICSEARCH_URL"]
    before = engine_queries(engine_url)
    answer = client.get(f"{BASE}/api/search/", params={"q": "mật ong"}, headers={"Accept-Language": "vi"}, timeout=20)
    check(answer.status_code == 200, f"search API answered {answer.status_code}: {answer.text[:300]}")
    results = answer.json()["results"]
    check(results, "the search for 'mật ong' found nothing")
    check(engine_queries(engine_url) > before, "the search engine received no query: search ran elsewhere")
    passed(f"search 'mật ong': {len(results)} results, answered by the OpenSearch node")
    return results[0]


def browser_context(playwright, base_url):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
    return browser, browser.new_context(base_url=base_url, ignore_https_errors=True, locale="vi-VN")


def buy_cash_on_delivery(playwright, product):
    browser, context = browser_context(playwright, BASE)
    page = context.new_page()
    page.goto(urllib.parse.urlsplit(product["url"]).path)
    page.get_by_role("button", name="Thêm vào giỏ").click()
    page.get_by_role("link", name=re.compile(r"^Giỏ hàng")).click()
    page.get_by_role("link", name="Tiến hành thanh toán").click()
    page.get_by_label("Họ và tên người nhận").fill("Nguyễn Thị Lan")
    page.get_by_label("Thư điện tử").fill(BUYER_EMAIL)
    page.get_by_label("Số điện thoại").fill("0912 345 678")
    page.get_by_label("Tỉnh / thành phố").select_option(label="Thành phố Hà Nội")
    page.get_by_label("Xã / phường").fill("Phường Hoàn Kiếm")
    page.get_by_label("Số nhà, đường, thôn / ấp").fill("12 Hàng Bạc")
    page.get_by_label("Giao hàng tận nơi").first.check()
    page.get_by_role("group", name="Cách thanh toán").get_by_label("Thanh toán khi nhận hàng (COD)").check()
    page.get_by_role("button", name="Xem lại đơn hàng").click()
    page.locator("#place-order").click()
    heading = page.get_by_role("heading", name=re.compile(r"^Đơn hàng "))
    expect(heading).to_be_visible()
    number = re.search(r"Đơn hàng\s+(\S+)", heading.inner_text()).group(1)
    browser.close()
    passed(f"cash-on-delivery order {number} placed through nginx in chromium")
    return number


def mailed(number, seconds=60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for message in stack.MAIL.glob("*.log"):
            if number in message.read_text(errors="replace"):
                return message
        time.sleep(1)
    return None


def order_email(number):
    message = mailed(number)
    check(message is not None, f"no e-mail about order {number} in {stack.MAIL} within a minute (Celery worker?)")
    passed(f"the Celery worker wrote the e-mail of order {number} ({message.name})")


def edit_on_one_instance_fresh_on_the_other(playwright, client):
    browser, context = browser_context(playwright, INSTANCE[1])
    page = context.new_page()
    page.goto("/vi/my-stall/products/")
    form = page.locator("#login_form")
    form.get_by_label("Địa chỉ email").fill(MEMBER[0])
    form.get_by_label("Mật khẩu").fill(MEMBER[1])
    form.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(re.compile(r"/my-stall/products/"))
    page.get_by_role("link", name=re.compile(r"^Sửa")).first.click()
    product_url = urllib.parse.urlsplit(page.get_by_role("link", name="Xem trang sản phẩm").get_attribute("href")).path

    other = INSTANCE[2] + product_url
    client.get(other, timeout=20)
    kept = client.get(other, timeout=20)
    check(kept.headers.get("X-Page-Cache") == "hit", f"instance 2 did not keep the page: {kept.headers}")

    new_title = f"Sản phẩm thử khói {int(time.time())}"
    page.locator("#id_title").fill(new_title)
    page.get_by_role("button", name=re.compile(r"^Lưu")).click()
    expect(page.get_by_text(re.compile("Đã lưu"))).to_be_visible()
    browser.close()

    fresh = client.get(other, timeout=20)
    check(
        new_title in fresh.text,
        f"instance 2 still shows the old title (X-Page-Cache: {fresh.headers.get('X-Page-Cache')})",
    )
    passed(f"product edited through instance 1 shows '{new_title}' on instance 2 at once")


def find_order(number):
    """The guest order lookup, then the order page, as a buyer would after the restore."""
    client = session()
    lookup = client.get(f"{BASE}/vi/checkout/lookup/", timeout=20)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', lookup.text).group(1)
    found = client.post(
        f"{BASE}/vi/checkout/lookup/",
        data={"csrfmiddlewaretoken": token, "number": number, "email": BUYER_EMAIL},
        headers={"Referer": f"{BASE}/vi/checkout/lookup/"},
        timeout=20,
    )
    return found.status_code == 200 and number in found.text and found.url.endswith(f"/orders/{number}/")


def backup_and_restore(number):
    check(find_order(number), f"order {number} cannot be found before the backup")
    made = subprocess.run(
        [sys.executable, str(ROOT / "deploy" / "stack.py"), "backup"], capture_output=True, text=True, check=True
    )
    backup = re.search(r"backup: (\S+)", made.stdout).group(1)
    subprocess.run([sys.executable, str(ROOT / "deploy" / "stack.py"), "restore", backup], check=True)
    check(find_order(number), f"order {number} is not served after restoring {backup}")
    passed(f"backup {Path(backup).name} dropped and restored: order {number} served again")


def main():
    client = session()
    health(client)
    home_and_static(client)
    product = search(client)
    with sync_playwright() as playwright:
        number = buy_cash_on_delivery(playwright, product)
        order_email(number)
        edit_on_one_instance_fresh_on_the_other(playwright, client)
    backup_and_restore(number)
    health(client)
    print(json.dumps({"smoke": "passed", "order": number}))


if __name__ == "__main__":
    try:
        main()
    except SmokeFailure as failure:
        sys.exit(f"smoke: FAILED {failure}")

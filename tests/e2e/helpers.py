"""What several journeys do the same way: signing up and in through the site's own forms, and the small real files
(photos, scans) people upload."""

import re
from urllib.parse import urlsplit

from PIL import Image, ImageDraw
from playwright.sync_api import expect

PASSWORD = "mat-khau-thu-nghiem"  # tests.factories.UserFactory's password


def sign_up(page, email, password=PASSWORD, language="vi"):
    """Register an account with the form beside the login form, on the login page the site sent the visitor to,
    then open the activation link the site e-mails and confirm it: the site then shows the page they asked for."""
    expect(page).to_have_url(re.compile(f"/{language}/accounts/login/"))
    form = page.locator("#register_form")
    form.get_by_label(LABELS[language]["email"]).fill(email)
    form.get_by_label(LABELS[language]["password"], exact=True).fill(password)
    form.get_by_label(LABELS[language]["confirm"]).fill(password)
    form.locator("#id_registration-accept_privacy").check()  # the privacy policy, agreed to
    form.get_by_role("button", name=LABELS[language]["register"]).click()
    expect(page).to_have_url(re.compile(f"/{language}/accounts/register/sent/"))
    page.goto(activation_path(email))
    page.locator("#activate_form button").click()


def activation_path(email):
    """The activation link in the last e-mail to ``email`` (the live server shares the test's mail outbox)."""
    from django.core import mail

    (message,) = [message for message in mail.outbox if message.to == [email]][-1:]
    return urlsplit(re.search(r"https?://\S+", message.body).group(0))._replace(scheme="", netloc="").geturl()


def log_in(page, email, password=PASSWORD, language="vi"):
    """Sign in on the login page the site sent the visitor to; it then shows the page they asked for."""
    expect(page).to_have_url(re.compile(f"/{language}/accounts/login/"))
    form = page.locator("#login_form")
    form.get_by_label(LABELS[language]["email"]).fill(email)
    form.get_by_label(LABELS[language]["password"]).fill(password)
    form.get_by_role("button", name=LABELS[language]["log_in"]).click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)


def log_in_to_dashboard(page, email, password=PASSWORD):
    """Sign in on the dashboard's own login page, where a dashboard page sent staff; it then shows that page."""
    expect(page).to_have_url(re.compile("/dashboard/login/"))
    page.get_by_label("Tên đăng nhập").fill(email)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(lambda url: "/dashboard/login/" not in url)


LABELS = {
    "vi": {
        "email": "Địa chỉ email",
        "password": "Mật khẩu",
        "confirm": "Xác nhận mật khẩu",
        "register": "Đăng ký",
        "log_in": "Đăng nhập",
    },
    "en": {
        "email": "Email address",
        "password": "Password",
        "confirm": "Confirm password",
        "register": "Register",
        "log_in": "Log In",
    },
}


# --- Files people upload ---------------------------------------------------------------------------------------------


def photo(folder, name, colour, size=(640, 480)):
    """A small real photo (JPEG or PNG, by the name's extension) of a coloured jar on a plain background."""
    image = Image.new("RGB", size, "white")
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.rectangle((width // 3, height // 4, 2 * width // 3, 7 * height // 8), fill=colour)
    path = folder / name
    image.save(path)
    return path


def scanned_document(folder, name="giay-chung-nhan.pdf"):
    """A one-page PDF, as a scanner makes it (Pillow writes a complete PDF, end marker included)."""
    page = Image.new("RGB", (595, 842), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((60, 60, 535, 140), outline="black", width=3)
    draw.text((80, 90), "GIAY CHUNG NHAN DANG KY HOP TAC XA", fill="black")
    path = folder / name
    page.save(path, "PDF", resolution=72)
    return path


# --- What goes wrong on a page ---------------------------------------------------------------------------------------


def script_errors(page):
    """A list that fills with the page's uncaught script errors and console errors (a failed request included), from
    now on; a journey asserts it is still empty at the end."""
    errors = []
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    page.on("console", lambda message: message.type == "error" and errors.append(f"{page.url}: {message.text}"))
    return errors

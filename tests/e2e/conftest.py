"""Real-browser journeys: Debian's chromium driven by Playwright against the site served by pytest-django's
live_server (a real HTTP server on localhost over the test database).

Chromium is a prerequisite (README); `make test` installs it when run as root and .ci/run always does. Where it is
still missing the journeys fail with how to install it; they never skip. A failing journey leaves a screenshot and
the page's HTML in var/e2e-failures/.

Under pytest-xdist (`make test` runs the suite on several processes) every journey goes to the same worker, one
after another (`--dist loadgroup`, group "browser"): one chromium, and no two journeys competing for the CPU, while
the other workers run the rest of the suite.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
FAILURES = Path(__file__).resolve().parents[2] / "var" / "e2e-failures"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in item.path.parents:
            item.add_marker(pytest.mark.xdist_group("browser"))


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            "The browser journeys need Debian's chromium: `apt-get install chromium` (make test does it when run as "
            "root), or set CHROMIUM_PATH.",
            pytrace=False,
        )
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=10_000)  # the same patience as the contexts' own default

    # Playwright's sync API keeps an event loop running in this thread for the rest of the session; the test's own
    # ORM calls are still plain synchronous code, so Django's async-safety guard is lifted (as pytest-playwright does).
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
        )
        yield browser
        browser.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    if report.when == "call":
        item.journey_failed = report.failed


def open_context(request, browser, live_server, **options):
    """A fresh browser profile; on failure every page it opened is saved as a screenshot and HTML."""
    context = browser.new_context(base_url=live_server.url, locale="vi-VN", **options)
    context.set_default_timeout(10_000)
    # Nothing may leave localhost: a page that asks for a CDN, a font or an analytics script fails the journey.
    outside = []

    def guard(route):
        outside.append(route.request.url)
        route.abort()

    context.route(re.compile(r"^https?://(?!(127\.0\.0\.1|localhost)[:/]).*"), guard)
    request.addfinalizer(lambda: finish(request, context, outside))
    return context


def finish(request, context, outside):
    if getattr(request.node, "journey_failed", False):
        FAILURES.mkdir(parents=True, exist_ok=True)
        for index, page in enumerate(context.pages):
            stem = FAILURES / f"{request.node.name}-{id(context):x}-{index}"
            try:
                page.screenshot(path=f"{stem}.png", full_page=True)
                Path(f"{stem}.html").write_text(page.content())
            except Exception:  # noqa: BLE001 (a crashed page must not hide the journey's own failure)
                pass
    context.close()
    assert not outside, f"pages asked for outside resources: {outside}"


@pytest.fixture
def phone(request, browser, live_server):
    """A consumer's phone-sized browser."""
    return open_context(request, browser, live_server, **PHONE)


@pytest.fixture
def desktop(request, browser, live_server):
    """A desktop browser, for members and union staff at work."""
    return open_context(request, browser, live_server, **DESKTOP)

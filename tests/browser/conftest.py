"""Headless Chromium (Debian's, at /usr/bin/chromium) driven by Playwright against a live server.

The server is pytest-django's ``live_server``: the real site on a free port, on the test database
(SQLite or PostgreSQL, whichever the suite runs on). Screenshots go to ``var/screenshots/``.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
SCREENSHOTS = Path(__file__).resolve().parents[2] / "var" / "screenshots"
WIDTHS = {"phone": 360, "desktop": 1280}

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls made by the test
# itself (fixtures, assertions) are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent == Path(__file__).parent:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(f"Chromium not found at {CHROMIUM} and REQUIRE_BROWSER is set")
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt install chromium, or set CHROMIUM_PATH)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def public_address_is_the_live_server(request, settings):
    """Absolute URLs (e-mail links, certificates) must point where the browser can go: the live server."""
    if "live_server" in request.fixturenames:
        live_server = request.getfixturevalue("live_server")
        settings.BASE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url


@pytest.fixture
def new_page(browser, live_server):
    """Open pages on the live server: ``new_page(width=360)``; every context is closed afterwards."""
    contexts = []

    def open_page(*, width: int = WIDTHS["desktop"], height: int = 900, javascript: bool = True):
        context = browser.new_context(
            base_url=live_server.url,
            locale="fr-FR",
            viewport={"width": width, "height": height},
            java_script_enabled=javascript,
        )
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        # Console errors (a CSP refusal, a script error) are collected for the page audit.
        page.console_errors = []
        page.on("console", lambda message: message.type == "error" and page.console_errors.append(message.text))
        page.on("pageerror", lambda error: page.console_errors.append(str(error)))
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    return new_page()

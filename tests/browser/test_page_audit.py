"""Every page type: no serious or critical axe-core violation, no sideways scrolling at 360 and 1280 px.

Screenshots of each page at both widths are written to var/screenshots/ for reviewers.
"""

import pytest

from lessons.models import LessonPage
from tests.factories import UserFactory, make_course

from .audit import axe_blocking_violations, horizontal_overflow, screenshot
from .conftest import WIDTHS
from .pages import every_block_body, sign_in


@pytest.fixture
def site_pages(transactional_db):
    course = make_course(modules=2, lessons=3)
    module = course.get_children().first()
    lesson = LessonPage.objects.child_of(module).first().specific
    lesson.body = every_block_body()
    lesson.save_revision().publish()
    return {
        "home": "/",
        "catalogue": course.get_parent().url,
        "course": course.url,
        "module": module.url,
        "lesson": lesson.url,
        "search": "/recherche/?q=musée",
        "login": "/accounts/login/",
        "signup": "/accounts/signup/",
        "password-reset": "/accounts/password/reset/",
    }


PUBLIC_PAGES = ["home", "catalogue", "course", "module", "lesson", "search", "login", "signup", "password-reset"]


def _audit(new_page, url: str, name: str, *, user=None, server_url: str = "") -> None:
    for device, width in WIDTHS.items():
        page = new_page(width=width)
        if user is not None:
            sign_in(page, user, server_url)
        response = page.goto(url)
        assert response.status == 200, (name, device)
        assert horizontal_overflow(page) == 0, (name, device)
        screenshot(page, f"{name}-{device}")
        assert axe_blocking_violations(page) == [], (name, device)


@pytest.mark.parametrize("name", PUBLIC_PAGES)
def test_public_page_is_accessible_and_fits(new_page, site_pages, name):
    _audit(new_page, site_pages[name], name)


def test_profile_page_is_accessible_and_fits(new_page, site_pages, live_server):
    _audit(new_page, "/accounts/profile/", "profile", user=UserFactory(), server_url=live_server.url)

"""Redis gone: every page still renders, rate limits fail open, readiness says the cache is degraded."""

import os

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, make_course, make_quiz

pytestmark = pytest.mark.django_db

CLOSED_PORT_REDIS = {
    "default": {
        "BACKEND": "core.cache.DegradingRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = CLOSED_PORT_REDIS
    yield
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.fixture
def site(learner, tmp_path, settings):
    """A course with a lesson and a quiz, and a certificate for the learner."""
    from certificates.keys import signing_key_create
    from certificates.services import certificate_issue

    settings.CREDENTIAL_SIGNING_KEY_PATH = tmp_path / "signing-key.pem"
    signing_key_create(path=settings.CREDENTIAL_SIGNING_KEY_PATH)
    course = make_course(modules=1, lessons=1)
    module = course.get_children().specific().first()
    lesson = module.get_children().specific().first()
    quiz = make_quiz(module)
    certificate = certificate_issue(
        user=learner, course=course, completed_at=timezone.now(), score_summary={"percent": "90.00"}
    )
    return {"course": course, "module": module, "lesson": lesson, "quiz": quiz, "certificate": certificate}


def test_cache_reads_miss_and_writes_are_dropped_while_redis_is_down(redis_down):
    assert cache.get("anything", "miss") == "miss"
    assert cache.add("lock", True) is True
    assert cache.incr("counter") == 1
    cache.set("key", "value")
    assert cache.get("key") is None


def test_every_page_type_renders_while_redis_is_down(redis_down, site, learner):
    anonymous = Client(raise_request_exception=False)
    signed_in = Client(raise_request_exception=False)
    signed_in.login(email=learner.email, password=PASSWORD)
    public_id = site["certificate"].public_id
    public_urls = [
        "/",
        site["course"].get_parent().url,
        site["course"].url,
        site["module"].url,
        site["lesson"].url,
        site["quiz"].url,
        "/recherche/?q=musée",
        reverse("certificates:verify", args=[public_id]),
        reverse("certificates:verify_upload"),
        reverse("account_login"),
        reverse("account_signup"),
    ]
    learner_urls = [
        reverse("progress:dashboard"),
        reverse("accounts:profile"),
        reverse("certificates:list"),
        reverse("certificates:detail", args=[public_id]),
        reverse("certificates:pdf", args=[public_id]),
    ]

    for url in public_urls:
        assert anonymous.get(url).status_code == 200, url
    for url in public_urls[:-2] + learner_urls:  # signed in, the login and sign-up pages redirect
        assert signed_in.get(url).status_code == 200, url


def test_learner_can_sign_in_while_redis_is_down(redis_down, learner):
    response = Client().post(reverse("account_login"), {"login": learner.email, "password": PASSWORD})

    assert response.status_code == 302


def test_readyz_reports_the_cache_as_degraded_while_redis_is_down(redis_down, client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "degraded"}


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a running Redis (REDIS_URL)")
def test_degrading_cache_works_normally_with_a_live_redis(settings, client):
    settings.CACHES = {"default": {"BACKEND": "core.cache.DegradingRedisCache", "LOCATION": os.environ["REDIS_URL"]}}

    cache.set("key", "value")

    assert cache.get("key") == "value"
    assert client.get("/readyz").json()["cache"] == "ok"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

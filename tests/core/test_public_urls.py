"""Every absolute URL comes from core.urls: BASE_URL when set, else the default Wagtail Site (or the request)."""

import io
import re
import runpy
from datetime import datetime
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

import pypdf
import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import RequestFactory
from django.urls import reverse
from wagtail.models import Site

from accounts.models import Role
from certificates.credentials import credential_build
from certificates.services import certificate_issue, certificate_pdf_get
from certificates.views import linkedin_add_url
from cohorts.services import cohort_create, invitation_url, learners_import_apply
from core.urls import public_base_url, public_url
from tests.factories import make_course

pytestmark = pytest.mark.django_db

SITE_8401 = "http://127.0.0.1:8401"
PUBLIC = "https://lumiere.example.org"
COMPLETED_AT = datetime(2026, 12, 1, 16, 30, tzinfo=ZoneInfo("Europe/Paris"))


def _default_site(*, hostname: str, port: int) -> None:
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = hostname, port
    site.save()


@pytest.fixture
def site_8401(settings):
    """What `PORT=8401 bin/run` gives when BASE_URL is not set: the default Site on 127.0.0.1:8401."""
    settings.BASE_URL = ""
    _default_site(hostname="127.0.0.1", port=8401)
    return SITE_8401


@pytest.fixture
def base_url_set(settings):
    """Production: BASE_URL names the proxy's address, whatever the Site says."""
    settings.BASE_URL = PUBLIC
    _default_site(hostname="localhost", port=80)
    return PUBLIC


@pytest.fixture(params=["site_8401", "base_url_set"])
def base(request):
    return request.getfixturevalue(request.param)


@pytest.fixture
def certificate(learner):
    return certificate_issue(
        user=learner, course=make_course(modules=1, lessons=1), completed_at=COMPLETED_AT, score_summary={}
    )


# The function ----------------------------------------------------------------------------------


def test_base_url_setting_wins_without_its_trailing_slash(settings):
    settings.BASE_URL = "https://lumiere.example.org/"
    _default_site(hostname="127.0.0.1", port=8401)

    assert public_base_url() == PUBLIC
    assert public_url("/certificats/") == PUBLIC + "/certificats/"


@pytest.mark.parametrize(
    ("hostname", "port", "expected"),
    [
        ("127.0.0.1", 8401, "http://127.0.0.1:8401"),
        ("lumiere.example.org", 443, "https://lumiere.example.org"),
        ("localhost", 80, "http://localhost"),
    ],
)
def test_without_base_url_the_default_site_gives_the_address(settings, hostname, port, expected):
    settings.BASE_URL = ""
    _default_site(hostname=hostname, port=port)

    assert public_base_url() == expected


def test_without_base_url_a_request_gives_its_own_address(settings):
    settings.BASE_URL = ""
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8401")

    assert public_url("/sitemap.xml", request=request) == "http://127.0.0.1:8401/sitemap.xml"


def test_base_url_wins_over_the_request(settings):
    settings.BASE_URL = PUBLIC
    request = RequestFactory().get("/", HTTP_HOST="127.0.0.1:8401")

    assert public_base_url(request=request) == PUBLIC


def test_public_url_refuses_a_relative_path():
    with pytest.raises(ValueError, match="starting with '/'"):
        public_url("certificats/")


def test_base_url_setting_also_feeds_the_wagtail_admin(monkeypatch):
    monkeypatch.setenv("BASE_URL", SITE_8401 + "/")
    base = runpy.run_path(str(django_settings.BASE_DIR / "config" / "settings" / "base.py"))

    assert base["BASE_URL"] == SITE_8401
    assert base["WAGTAILADMIN_BASE_URL"] == SITE_8401


# Everything that prints an absolute URL ---------------------------------------------------------


def test_certificate_verification_url_and_pdf_use_the_public_address(base, certificate):
    expected = base + reverse("certificates:verify", args=[certificate.public_id])

    assert certificate.verification_url == expected
    pdf = pypdf.PdfReader(io.BytesIO(certificate_pdf_get(certificate=certificate)))
    assert expected in pdf.pages[0].extract_text()  # the printed address; the QR code encodes the same string


def test_linkedin_link_points_to_the_public_verification_page(base, certificate):
    query = parse_qs(urlsplit(linkedin_add_url(certificate)).query)

    assert query["certUrl"] == [base + certificate.verification_path]


def test_credential_ids_and_course_url_use_the_public_address(base, certificate):
    credential = credential_build(certificate=certificate)

    assert credential["issuer"]["id"] == base + reverse("certificates:issuer")
    assert credential["credentialSubject"]["achievement"]["id"] == base + "/catalogue/cours/"
    assert credential["credentialStatus"]["id"].startswith(base + "/")
    assert certificate.course_url == base + "/catalogue/cours/"


def test_certificate_page_shows_the_public_verification_address(base, client, learner, certificate):
    client.force_login(learner)

    html = client.get(certificate.get_absolute_url(), HTTP_HOST="127.0.0.1:8401").content.decode()

    assert f">{base}{certificate.verification_path}</a>" in html


def test_cohort_invitation_link_and_email_use_the_public_address(base, trainer, django_capture_on_commit_callbacks):
    cohort = cohort_create(name="Promotion Louvre", created_by=trainer)
    join_url = base + reverse("cohorts:join", kwargs={"token": cohort.invitation_token})

    with django_capture_on_commit_callbacks(execute=True):
        learners_import_apply(cohort=cohort, data=b"nouveau@musee.test\n", invited_by=trainer)

    assert invitation_url(cohort=cohort) == join_url
    invitation = cohort.pending_invitations.get()
    body = mail.outbox[0].body
    assert base + reverse("cohorts:invitation", kwargs={"token": invitation.token}) in body
    assert base + reverse("account_signup") in body


def test_sitemap_locations_use_the_public_address(base, client):
    make_course(modules=1, lessons=1)

    xml = client.get("/sitemap.xml", HTTP_HOST="127.0.0.1:8401").content.decode()

    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert base + "/catalogue/cours/" in locations
    assert all(location.startswith(base + "/") for location in locations)


# Account e-mails --------------------------------------------------------------------------------

SIGNUP = {
    "full_name": "Léa Dupré",
    "email": "lea@musee.test",
    "role": Role.CURATOR,
    "password1": "un-mot-de-passe-solide",
    "password2": "un-mot-de-passe-solide",
}


def test_account_emails_name_lumiere_never_the_host(base, client):
    client.post(reverse("account_signup"), SIGNUP, HTTP_HOST="127.0.0.1:8401")

    body = mail.outbox[0].body
    assert body.startswith("Bonjour de la part de Lumière\u202f!")
    assert "Lumière" in mail.outbox[0].subject
    # The host appears only inside links, and the links use the public address.
    hosts = re.findall(r"(\S*)(?:127\.0\.0\.1:8401|lumiere\.example\.org)", body)
    assert hosts and all(prefix in {"http://", "https://"} for prefix in hosts)
    assert re.search(re.escape(base) + r"/accounts/confirm-email/\S+/", body)
    assert body.endswith(f"Merci d’utiliser Lumière\u202f!\n{base}/")


def test_password_reset_email_links_to_the_public_address(base, client, learner):
    client.post(reverse("account_reset_password"), {"email": learner.email}, HTTP_HOST="127.0.0.1:8401")

    body = mail.outbox[0].body
    assert re.search(re.escape(base) + r"/accounts/password/reset/key/\S+/", body)
    assert "127.0.0.1:8401 !" not in body


# bin/run's step -----------------------------------------------------------------------------------


def test_set_site_address_updates_the_default_site_once(settings, capsys):
    settings.BASE_URL = ""

    call_command("set_site_address", "http://127.0.0.1:8401")
    call_command("set_site_address", "http://127.0.0.1:8401/")

    out = capsys.readouterr().out
    assert out.count("updated") == 1 and out.count("unchanged") == 1
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8401)
    assert public_base_url() == SITE_8401


def test_set_site_address_takes_https_as_port_443(settings):
    settings.BASE_URL = ""

    call_command("set_site_address", "https://lumiere.example.org")

    assert public_base_url() == PUBLIC


@pytest.mark.parametrize("url", ["https://lumiere.example.org:8443", "http://127.0.0.1:8401/lumiere/", "127.0.0.1"])
def test_set_site_address_refuses_what_a_site_cannot_serve_and_changes_nothing(url):
    before = Site.objects.values_list("hostname", "port").get(is_default_site=True)

    with pytest.raises(CommandError):
        call_command("set_site_address", url)

    assert Site.objects.values_list("hostname", "port").get(is_default_site=True) == before

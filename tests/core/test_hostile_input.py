"""Hostile input over every learner form and URL parameter: never a 500, and the data stays usable.

Run on SQLite and on PostgreSQL (``DATABASE_URL``): a NUL in text or JSONB is PostgreSQL's crash case.
"""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes.forms import field_name
from quizzes.models import Attempt
from tests.factories import PASSWORD, make_course, make_quiz, sample_question

pytestmark = pytest.mark.django_db

HOSTILE_VALUES = {
    "nul": "réponse\x00",
    "control": "\x07\x1b[31mrouge\x7f",
    "huge_number": "9" * 60_001,
    "superscript": "²",
    "arabic_digit": "٣",
    "long_email": "a" * 250 + "@lumiere.example",
    "very_long": "x" * 200_000,
    "rtl": "\u202eetirw\u202c مرحبا",
    "negative": "-1",
    "exponent": "1e309",
}
HOSTILE_URL_PARTS = ["%00", "%01", "abc%00def", "%E2%80%AE", "%C0%80", "%FF", "..%2F..%2Fetc"]


@pytest.fixture
def anonymous():
    return Client(raise_request_exception=False)


@pytest.fixture
def signed_in(learner):
    client = Client(raise_request_exception=False)
    client.login(email=learner.email, password=PASSWORD)
    return client


@pytest.fixture
def certificate(learner, tmp_path, settings):
    from certificates.keys import signing_key_create
    from certificates.services import certificate_issue

    settings.CREDENTIAL_SIGNING_KEY_PATH = tmp_path / "signing-key.pem"
    signing_key_create(path=settings.CREDENTIAL_SIGNING_KEY_PATH)
    course = make_course(modules=1, lessons=1)
    return certificate_issue(
        user=learner, course=course, completed_at=timezone.now(), score_summary={"percent": "90.00"}
    )


def assert_no_server_error(response, what):
    assert response.status_code < 500, f"{what} → {response.status_code}"


@pytest.mark.parametrize("part", HOSTILE_URL_PARTS)
def test_hostile_certificate_verification_invitation_and_search_urls_never_give_a_500(anonymous, certificate, part):
    urls = [
        f"/certificats/{certificate.public_id}{part}/",
        f"/certificats/{part}/",
        f"/certificats/{certificate.public_id}{part}/certificat.pdf",
        f"/certificats/{certificate.public_id}{part}/open-badge.json",
        f"/certificats/verifier/{certificate.public_id}{part}/",
        f"/cohortes/rejoindre/{part}/",
        f"/recherche/?q={part}",
        f"/recherche/?q=musée&page={part}",
        f"/{part}/",
        f"/accounts/login/?next={part}",
    ]
    for url in urls:
        assert_no_server_error(anonymous.get(url), url)


@pytest.mark.parametrize("url", ["/certificats/%00/", "/recherche/?q=%00", "/cohortes/rejoindre/a%01b/"])
def test_control_characters_in_an_address_are_refused_with_400(anonymous, url):
    response = anonymous.get(url)

    assert response.status_code == 400
    assert "caractères qui ne sont pas autorisés" in response.content.decode()


def test_absurdly_long_address_is_refused_with_414(anonymous):
    response = anonymous.get("/recherche/", {"q": "x" * 10_000})

    assert response.status_code == 414


@pytest.mark.parametrize("name", sorted(HOSTILE_VALUES))
def test_search_query_and_page_number_never_give_a_500(anonymous, name):
    value = HOSTILE_VALUES[name][:2_000]
    assert_no_server_error(anonymous.get("/recherche/", {"q": value}), f"q={name}")
    assert_no_server_error(anonymous.get("/recherche/", {"q": "musée", "page": value}), f"page={name}")


@pytest.mark.parametrize("name", sorted(HOSTILE_VALUES))
def test_every_quiz_answer_field_refuses_hostile_values_and_the_attempt_stays_usable(signed_in, name):
    course = make_course(modules=1, lessons=1)
    module = course.get_children().specific().first()
    kinds = ("single", "multiple", "true_false", "ordering", "matching", "best_post", "short_answer", "writing")
    quiz = make_quiz(module, questions=[sample_question(kind) for kind in kinds])
    signed_in.post(reverse("quizzes:start", args=[quiz.pk]))
    attempt = Attempt.objects.latest("pk")
    url = reverse("quizzes:attempt", args=[attempt.pk])
    names = []
    for spec in attempt.snapshot:
        if spec["type"] == "ordering":
            names += [field_name(spec["id"], item["key"]) for item in spec["items"]]
        elif spec["type"] == "matching":
            names += [field_name(spec["id"], left["key"]) for left in spec["lefts"]]
        else:
            names.append(field_name(spec["id"]))

    for field in names:
        response = signed_in.post(url, {field: HOSTILE_VALUES[name], "confirm_incomplete": "1"})
        assert_no_server_error(response, f"{field}={name}")
        attempt.refresh_from_db()
        if attempt.is_submitted:  # a value that happens to be a valid answer ends the attempt: start again
            signed_in.post(reverse("quizzes:start", args=[quiz.pk]))
            attempt = Attempt.objects.latest("pk")
            url = reverse("quizzes:attempt", args=[attempt.pk])
    response = signed_in.post(url, {"confirm_incomplete": "1"})
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.is_submitted


@pytest.mark.parametrize("name", sorted(HOSTILE_VALUES))
def test_profile_form_refuses_hostile_names_without_a_500(signed_in, learner, name):
    response = signed_in.post(reverse("accounts:profile"), {"full_name": HOSTILE_VALUES[name], "role": learner.role})

    assert_no_server_error(response, name)
    learner.refresh_from_db()
    assert "\x00" not in learner.full_name
    assert len(learner.full_name) <= 150


@pytest.mark.parametrize("name", sorted(HOSTILE_VALUES))
def test_login_and_signup_forms_never_give_a_500(anonymous, name):
    value = HOSTILE_VALUES[name]
    login = anonymous.post(reverse("account_login"), {"login": value, "password": value})
    signup = anonymous.post(
        reverse("account_signup"),
        {"email": value, "full_name": value, "role": "community_manager", "password1": value, "password2": value},
    )

    assert_no_server_error(login, f"login {name}")
    assert_no_server_error(signup, f"signup {name}")


def test_lesson_complete_with_hostile_ids_never_gives_a_500(signed_in):
    for lesson_id in ["9" * 30, "%00", "-1"]:
        response = signed_in.post(f"/mon-apprentissage/lecons/{lesson_id}/terminee/")
        assert_no_server_error(response, lesson_id)


@pytest.mark.parametrize(
    "document",
    [
        "[" * 30_000 + "]" * 30_000,
        '{"a": ' + "9" * 60_001 + "}",
        json.dumps({"credentialSubject": "réponse\x00"}),
        "\x00",
    ],
    ids=["nested-30000", "60001-digits", "nul-in-json", "nul-file"],
)
def test_credential_upload_with_hostile_json_never_gives_a_500(anonymous, certificate, document):
    upload = SimpleUploadedFile("credential.json", document.encode(), content_type="application/json")

    response = anonymous.post(reverse("certificates:verify_upload"), {"credential": upload})

    assert_no_server_error(response, "upload")

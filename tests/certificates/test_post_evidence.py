"""An approved post becomes Open Badges evidence in the learner's credential, only with her consent."""

import pytest

from certificates import credentials
from certificates.evidence import certificate_evidence_consent_set
from certificates.models import Certificate
from progress.services import lesson_complete
from quizzes.grading import answer_right_build
from quizzes.services import attempt_start, attempt_submit, writing_review_record
from tests.factories import make_course, make_quiz, sample_question
from tests.progress.helpers import lessons_of, modules_of

pytestmark = pytest.mark.django_db

POST_TEXT = "Le « Grand Paysage » retrouve ses couleurs : venez le voir en salle 4 dès samedi. #GrandPaysage"
ALT = "Une restauratrice retouche au pinceau le ciel d’un grand paysage posé sur un chevalet."


@pytest.fixture
def post_certificate(learner, trainer):
    course = make_course(modules=1, lessons=1, title="Publier pour le musée", slug="publier")
    module = modules_of(course)[0]
    quiz = make_quiz(
        module, title="Quiz de publication", questions=[sample_question("single", points=6), sample_question("post")]
    )
    lesson_complete(user=learner, lesson=lessons_of(module)[0])
    attempt = attempt_start(user=learner, quiz=quiz)
    answers = {spec["id"]: answer_right_build(question=spec) for spec in attempt.snapshot}
    post_id = next(spec["id"] for spec in attempt.snapshot if spec["type"] == "post")
    answers[post_id] = {"text": POST_TEXT, "alt_text": ALT, "credit": "", "report": {}}
    attempt = attempt_submit(user=learner, attempt_id=attempt.pk, answers=answers)
    writing_review_record(attempt=attempt, question_id=post_id, reviewer=trainer, points=4, feedback="Bien.")
    return Certificate.objects.get(user=learner, course=course)


def _post_evidence(document):
    return [item for item in document.get("evidence", []) if item.get("description") == POST_TEXT]


def test_an_approved_post_is_not_shared_without_consent(post_certificate):
    document = credentials.credential_signed(certificate=post_certificate)

    assert _post_evidence(document) == []
    assert POST_TEXT not in str(document)


def test_with_consent_the_post_is_evidence_and_the_credential_stays_valid(learner, post_certificate):
    certificate_evidence_consent_set(certificate=post_certificate, user=learner, consent=True)

    document = credentials.credential_signed(certificate=post_certificate)

    [item] = _post_evidence(document)
    assert item["type"] == ["Evidence"]
    assert item["name"] == "Quiz de publication – Rédigez la publication demandée."
    assert "Annoncez sur Instagram la restauration" in item["narrative"]
    assert f"Texte alternatif de l’image\u00a0: {ALT}" in item["narrative"]
    assert credentials.credential_verify(document).is_valid


@pytest.mark.js
def test_the_reference_verifier_accepts_a_credential_with_post_evidence(learner, post_certificate, tmp_path):
    import os
    import shutil

    from certificates import keys
    from tests.certificates.test_js_verifier import JS_DIR, js_verify, published_documents

    node = shutil.which("node")
    if node is None or not (JS_DIR / "node_modules" / "@digitalbazaar" / "vc").is_dir():
        if os.environ.get("REQUIRE_JS") == "1":
            pytest.fail("REQUIRE_JS=1 but node or tests/js/node_modules is missing: run npm ci --prefix tests/js")
        pytest.skip("node or tests/js/node_modules missing (npm ci --prefix tests/js)")
    certificate_evidence_consent_set(certificate=post_certificate, user=learner, consent=True)
    credential = credentials.credential_signed(certificate=post_certificate)
    assert _post_evidence(credential)

    result = js_verify(node, tmp_path, credential, published_documents([keys.public_key_load()]))

    assert result == {"verified": True, "errors": [], "revoked": False}

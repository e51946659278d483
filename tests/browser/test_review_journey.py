"""A certificate means "passed": a learner waits for a review, a trainer grades, changes her mind, and revokes."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from certificates.models import Certificate
from progress.models import ModuleCompletion
from progress.services import lesson_complete
from quizzes.models import Attempt
from tests.factories import UserFactory, make_course, make_quiz, sample_question
from tests.quizzes.helpers import attempt_submit_right

from .audit import screenshot
from .pages import sign_in


@pytest.fixture
def pending(transactional_db):
    """A one-module course whose quiz has a writing exercise; a learner submitted it and waits for a review."""
    course = make_course(modules=1, lessons=1, title="Écrire pour le musée", slug="ecrire")
    module = course.get_children().first()
    quiz = make_quiz(
        module, title="Quiz d’écriture", questions=[sample_question("single", points=6), sample_question("writing")]
    )
    learner = UserFactory(email="lea@musee.test", full_name="Léa Martin")
    lesson_complete(user=learner, lesson=module.get_children().live().first().specific)
    attempt = attempt_submit_right(
        learner, quiz, writing_text="Merci de votre message : l’ascenseur est réparé, nous vous attendons samedi."
    )
    trainer = UserFactory(email="ines@lumiere.test", full_name="Inès Formatrice", is_superuser=True, is_staff=True)
    return {"learner": learner, "trainer": trainer, "attempt": Attempt.objects.get(pk=attempt.pk)}


def _review(page, attempt, *, points: str, confirm: bool = False):
    page.goto(reverse("cohorts_admin:review", kwargs={"attempt_id": attempt.pk}))
    page.fill('input[name$="-points"]', points)
    page.fill('textarea[name$="-feedback"]', "Relu.")
    if confirm:
        page.check('input[name$="-confirm_revocation"]')
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_a_pending_review_certifies_nothing_until_a_trainer_passes_it_and_a_changed_review_revokes(
    pending, new_page, live_server
):
    learner_page, trainer_page = new_page(), new_page()
    sign_in(learner_page, pending["learner"], live_server.url)
    sign_in(trainer_page, pending["trainer"], live_server.url)

    learner_page.goto("/mon-apprentissage/")
    text = learner_page.locator("main").inner_text()
    assert "en attente de correction" in text
    assert "Aucun module terminé" in text or "Aucun module" in text
    assert not Certificate.objects.exists()
    screenshot(learner_page, "journey-review-pending")

    mail.outbox.clear()
    _review(trainer_page, pending["attempt"], points="4")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == [pending["learner"].email]

    learner_page.goto("/mon-apprentissage/")
    text = learner_page.locator("main").inner_text()
    assert "Écrire pour le musée" in text and "en attente de correction" not in text
    assert ModuleCompletion.objects.filter(user=pending["learner"]).exists()
    certificate = Certificate.objects.get(user=pending["learner"], revoked_at__isnull=True)

    # The trainer lowers the grade: warned first, nothing changes until she confirms.
    _review(trainer_page, pending["attempt"], points="0")
    warning = trainer_page.locator("main").inner_text()
    assert "Écrire pour le musée" in warning
    screenshot(trainer_page, "journey-review-confirm-revocation")
    certificate.refresh_from_db()
    assert certificate.revoked_at is None

    trainer_page.check('input[name$="-confirm_revocation"]')
    trainer_page.locator("main form button[type=submit]").click()
    trainer_page.wait_for_url(re.compile(r"/admin/"))

    learner_page.goto(certificate.get_absolute_url())
    text = learner_page.locator("main").inner_text()
    assert "n’est plus réussi" in text
    screenshot(learner_page, "journey-review-revoked")
    assert not ModuleCompletion.objects.filter(user=pending["learner"]).exists()

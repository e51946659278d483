"""Personal data: the JSON export and account deletion (and exactly what remains afterwards)."""

import json
from datetime import date

import pytest
from allauth.account.models import EmailAddress
from django.urls import reverse

from accounts.models import User
from certificates.models import Certificate
from cohorts.models import Cohort, Membership
from progress.models import CourseCompletion, LessonProgress, ModuleCompletion
from progress.services import lesson_complete, lesson_visit_record
from quizzes.models import Attempt, AttemptStatus, WritingReview
from quizzes.services import attempt_start
from studio.models import PostDraft
from tests.factories import PASSWORD, UserFactory, make_course, make_quiz, sample_question

from .helpers import lessons_of, modules_of, quiz_result, visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(learner, trainer):
    """A learner who completed a one-module course (certificate issued) and wrote an exercise a trainer reviewed."""
    course = make_course(modules=1, lessons=2, title="Modérer une page", slug="moderer")
    module = modules_of(course)[0]
    quiz = make_quiz(module, title="Quiz modération")
    first, second = lessons_of(module)
    lesson_complete(user=learner, lesson=first)
    lesson_visit_record(user=learner, lesson=second)
    attempt = quiz_result(learner, quiz, percent="75", passed=True, status=AttemptStatus.GRADED)  # after its review
    WritingReview.objects.create(attempt=attempt, question_id="q1", reviewer=trainer, points=3, feedback="Bon ton.")
    lesson_complete(user=learner, lesson=second)
    return {"course": course, "quiz": quiz, "attempt": attempt}


def test_profile_links_to_export_and_deletion(client, learner):
    client.force_login(learner)

    html = client.get(reverse("accounts:profile")).content.decode()

    assert reverse("progress:personal_data") in html
    assert reverse("progress:account_delete") in html
    assert "your certificates stay verifiable" in visible_text(html)


def test_export_holds_profile_progress_attempts_with_answers_and_certificates(client, learner, history):
    client.force_login(learner)

    response = client.get(reverse("progress:personal_data"))

    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == learner.email
    assert data["profile"]["full_name"] == learner.full_name
    assert [lesson["lesson"] for lesson in data["progress"]["lessons"]] == ["Leçon 1.1", "Leçon 1.2"]
    assert all(lesson["completed_at"] for lesson in data["progress"]["lessons"])
    assert data["progress"]["courses_completed"][0]["course"] == "Modérer une page"
    (attempt,) = data["quiz_attempts"]
    assert attempt["quiz"] == "Quiz modération"
    assert attempt["answers"] == {"q1": "a"}
    assert attempt["writing_reviews"][0]["feedback"] == "Bon ton."
    (certificate,) = data["certificates"]
    assert certificate["title"] == "Modérer une page"
    assert certificate["verification_url"].endswith(Certificate.objects.get().verification_path)


def test_export_never_reveals_right_answers_or_explanations(client, learner):
    course = make_course(modules=1, lessons=1, slug="secret")
    quiz = make_quiz(modules_of(course)[0], questions=[sample_question("single")], feedback_policy="never")
    attempt_start(user=learner, quiz=quiz)
    client.force_login(learner)

    data = json.loads(client.get(reverse("progress:personal_data")).content)

    (question,) = data["quiz_attempts"][0]["questions"]
    assert question["prompt"] == "Quel réseau privilégier pour une vidéo verticale courte ?"
    assert sorted(option["text"] for option in question["options"]) == ["LinkedIn", "TikTok", "Un blog"]
    exported = json.dumps(data, ensure_ascii=False)
    assert "correct" not in exported
    assert "Les formats verticaux courts sont rois sur TikTok." not in exported
    assert "Oui, c'est son format." not in exported


def test_export_contains_nobody_elses_data(client, learner, history):
    other = UserFactory()
    client.force_login(other)

    data = json.loads(client.get(reverse("progress:personal_data")).content)

    assert data["profile"]["email"] == other.email
    assert data["progress"]["lessons"] == []
    assert data["quiz_attempts"] == []
    assert data["certificates"] == []


def test_delete_page_states_what_is_deleted_and_what_is_kept(client, learner):
    client.force_login(learner)

    text = visible_text(client.get(reverse("progress:account_delete")).content.decode())

    assert "They are deleted, not anonymised" in text
    assert "Your certificates remain valid and can still be checked" in text


def test_wrong_password_deletes_nothing(client, learner, history):
    client.force_login(learner)

    response = client.post(reverse("progress:account_delete"), {"password": "not-my-password"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "This is not your password." in html
    assert 'aria-describedby="id_password_errors"' in html
    assert User.objects.filter(pk=learner.pk).exists()
    assert Attempt.objects.filter(user=learner).count() == 1


def test_deletion_removes_personal_data_and_keeps_the_certificate_unlinked(client, learner, trainer, history):
    other = UserFactory()
    cohort = Cohort.objects.create(name="Printemps", starts_on=date(2025, 3, 1), ends_on=date(2025, 6, 30))
    Membership.objects.create(cohort=cohort, user=learner, source=Membership.Source.choices[0][0])
    Membership.objects.create(cohort=cohort, user=other, source=Membership.Source.choices[0][0])
    lesson_complete(user=other, lesson=lessons_of(modules_of(history["course"])[0])[0])
    name = learner.full_name
    client.force_login(learner)

    response = client.post(reverse("progress:account_delete"), {"password": PASSWORD}, follow=True)

    assert response.redirect_chain[-1][0] == "/"
    assert "Your account and your personal data have been deleted." in response.content.decode()
    assert not response.context["user"].is_authenticated
    assert not User.objects.filter(pk=learner.pk).exists()
    assert not EmailAddress.objects.filter(email=learner.email).exists()
    assert not LessonProgress.objects.filter(user_id=learner.pk).exists()
    assert not ModuleCompletion.objects.filter(user_id=learner.pk).exists()
    assert not CourseCompletion.objects.filter(user_id=learner.pk).exists()
    assert not Attempt.objects.exists()
    assert not WritingReview.objects.exists()
    assert not Membership.objects.filter(user_id=learner.pk).exists()
    certificate = Certificate.objects.get()
    assert certificate.user_id is None
    assert certificate.learner_name == name
    assert certificate.revoked_at is None
    assert client.get(certificate.verification_path).status_code == 200
    # Nobody else's data is touched.
    assert User.objects.filter(pk__in=[trainer.pk, other.pk]).count() == 2
    assert LessonProgress.objects.filter(user=other).count() == 1
    assert list(cohort.memberships.values_list("user_id", flat=True)) == [other.pk]


def test_administrators_cannot_delete_their_account_here(client):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)

    response = client.post(reverse("progress:account_delete"), {"password": PASSWORD})

    assert response.status_code == 400
    assert "An administrator account cannot be deleted from this page." in response.content.decode()
    assert User.objects.filter(pk=admin.pk).exists()


def test_export_and_deletion_need_login(client):
    for name in ("progress:personal_data", "progress:account_delete"):
        response = client.get(reverse(name))
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))


def test_export_holds_the_learners_post_drafts(client, learner, history):
    lesson = lessons_of(modules_of(history["course"])[0])[0]
    PostDraft.objects.create(user=learner, page=lesson, page_title=lesson.title, exercise_key="k", text="Mon post.")
    PostDraft.objects.create(user=UserFactory(), page=lesson, page_title=lesson.title, exercise_key="k", text="Autre.")
    client.force_login(learner)

    data = json.loads(client.get(reverse("progress:personal_data")).content)

    assert [(draft["lesson"], draft["text"]) for draft in data["post_drafts"]] == [(lesson.title, "Mon post.")]

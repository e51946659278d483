"""Data and sign-in helpers for browser tests."""

import datetime
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

CONTENT = Path(__file__).resolve().parents[2] / "content"


def sign_in(page, user, server_url: str) -> None:
    """Give the page's browser context the session of ``user`` (the sign-in form has its own tests)."""
    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": server_url}])


def every_block_body() -> list:
    """A lesson body with one block of every type, as trainers can write it."""
    with (CONTENT / "images" / "05-etapes-crise.png").open("rb") as handle:
        image = get_image_model().objects.create(title="Étapes d’une crise", file=File(handle, name="etapes.png"))
    with (CONTENT / "documents" / "04-modele-charte-moderation.txt").open("rb") as handle:
        document = get_document_model().objects.create(title="Charte", file=File(handle, name="charte.txt"))
    post = {
        "network": "instagram",
        "account_name": "Musée de l’Estuaire",
        "handle": "@musee_estuaire",
        "text": "Ce soir, la réserve ouvre ses portes. #NuitDesMusees",
        "image": image,
        "image_alt": "Schéma des étapes d’une crise",
        "date": datetime.date(2025, 5, 17),
    }
    return [
        ("heading", {"text": "Pourquoi publier", "level": "h2"}),
        ("text", "<p>Un musée publie pour <b>informer</b> et <i>dialoguer</i>.</p><ul><li>un</li><li>deux</li></ul>"),
        (
            "image",
            {
                "image": image,
                "alt_text": "Les cinq étapes d’une crise",
                "caption": "Les étapes",
                "credit": "Lumière",
            },
        ),
        ("quote", {"text": "Nous répondons vite.", "author": "Claire Martin", "role": "CM", "institution": "Musée"}),
        ("callout", {"kind": "warning", "title": "Attention", "text": "<p>Relisez avant de publier.</p>"}),
        ("checklist", {"title": "Avant de publier", "items": ["Le visuel est crédité.", "L’alt est écrit."]}),
        ("key_figures", {"title": "Chiffres", "items": [{"value": "12", "label": "musées", "source": "Twitter"}]}),
        ("do_dont", {"title": "Répondre", "do": ["Remercier."], "dont": ["Supprimer."]}),
        (
            "case_study",
            {
                "title": "Une salle fermée sans prévenir",
                "context": "<p>Une salle ferme pour travaux pendant les vacances.</p>",
                "what_happened": "<p>La photo de sa porte close est partagée deux mille fois.</p>",
                "response": "<p>L’équipe répond dans l’heure et explique les travaux.</p>",
                "lessons": "<p>Annoncer une fermeture avant qu’on la découvre.</p>",
            },
        ),
        ("document", {"document": document, "title": "Modèle de charte", "description": "À adapter."}),
        ("video", {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "title": "Une vidéo", "transcript": "Texte."}),
        ("social_post", {**post, "verdict": "good", "commentary": "<p>Accroche courte.</p>"}),
        (
            "post_exercise",
            {
                "brief": "Annoncez la Nuit des musées sur Instagram, avec la photo de la réserve.",
                "network": "instagram",
                "account_name": "Musée de l’Estuaire",
                "handle": "@musee_estuaire",
                "image": image,
                "shows_artwork": False,
                "requires_tracking": False,
            },
        ),
    ]


def guide_course_load() -> None:
    """The real guide course, as a newcomer gets it from the quick start."""
    from io import StringIO

    from django.core.management import call_command

    call_command("load_guide_course", stdout=StringIO(), stderr=StringIO())


def answer_attempt(page, attempt, *, right: bool = True) -> None:
    """Fill the attempt form on ``page`` from the attempt's snapshot, rightly or leaving it blank.

    The test reads the snapshot on the server side: the page itself never holds the right answers.
    """
    from quizzes.grading import answer_right_build

    if not right:
        return
    attempt.refresh_from_db()
    for question in attempt.snapshot:
        name = f"q-{question['id']}"
        answer = answer_right_build(question=question)
        kind = question["type"]
        if kind in ("single", "best_post", "true_false"):
            page.check(f'input[name="{name}"][value="{answer}"]')
        elif kind == "multiple":
            for key in answer:
                page.check(f'input[name="{name}"][value="{key}"]')
        elif kind in ("ordering", "matching"):
            for key, value in answer.items():
                page.select_option(f'select[name="{name}-{key}"]', str(value))
        elif kind == "post":
            for key, value in answer.items():
                if page.locator(f'[name="{name}-{key}"]').count():
                    page.fill(f'[name="{name}-{key}"]', value)
        else:
            page.fill(f'[name="{name}"]', answer)


def scenario_play_recommended(user, scenario) -> None:
    """Play a crisis simulation to its end the way the site's views would, taking every recommended decision;
    a trainer then grades the written steps with full marks."""
    from crisis import rules
    from crisis.services import choice_make, run_start, writing_choice_review
    from tests.factories import TrainerFactory

    run = run_start(user=user, scenario=scenario)
    while not run.is_ended:
        step = rules.steps_by_key(run.snapshot)[run.current_step]
        if rules.step_kind(step) == rules.WRITING:
            text = "Merci pour votre message. Nous vérifions les faits et revenons vers vous ici dans l’heure."
            choice_make(run=run, step_key=run.current_step, text=text)
        else:
            choice_make(run=run, step_key=run.current_step, choice_key=rules.recommended_choice(step))
    # A trainer gives full marks to the written steps: until then the run passes nothing.
    steps = rules.steps_by_key(run.snapshot)
    for written in run.choices.filter(reviewed_at__isnull=True).exclude(text=""):
        points = int(steps[written.step_key].get("points", 0))
        writing_choice_review(choice=written, reviewer=TrainerFactory(), points=points, feedback="Bien écrit.")


def course_finish_through_services(user, course, *, skip_quiz_ids=()) -> None:
    """Complete every lesson, pass every quiz and crisis simulation of ``course`` the way the site's views would.

    Writing answers wait for a trainer: a trainer then gives full marks to every pending one (the
    learner's earlier attempts included), since only final grades complete modules and issue certificates.
    """
    from crisis.models import CrisisScenarioPage
    from lessons.models import LessonPage
    from progress.services import lesson_complete
    from quizzes.grading import answer_right_build
    from quizzes.models import Attempt, AttemptStatus, QuizPage
    from quizzes.question_types import question_type_is_reviewed
    from quizzes.services import attempt_start, attempt_submit, writing_review_record
    from tests.factories import TrainerFactory

    for lesson in LessonPage.objects.descendant_of(course).live():
        lesson_complete(user=user, lesson=lesson)
    for quiz in QuizPage.objects.descendant_of(course).live().exclude(pk__in=skip_quiz_ids):
        attempt = attempt_start(user=user, quiz=quiz)
        answers = {question["id"]: answer_right_build(question=question) for question in attempt.snapshot}
        attempt_submit(user=user, attempt_id=attempt.pk, answers=answers)
    for scenario in CrisisScenarioPage.objects.descendant_of(course).live():
        scenario_play_recommended(user, scenario)
    trainer = TrainerFactory()
    for attempt in Attempt.objects.filter(user=user, status=AttemptStatus.PENDING_REVIEW):
        reviewed = set(attempt.writing_reviews.values_list("question_id", flat=True))
        for question in attempt.snapshot:
            if question_type_is_reviewed(question["type"]) and question["id"] not in reviewed:
                writing_review_record(
                    attempt=attempt,
                    question_id=question["id"],
                    reviewer=trainer,
                    points=question.get("points", 1),
                    feedback="Bien écrit.",
                )

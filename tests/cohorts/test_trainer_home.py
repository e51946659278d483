"""The trainer's panel on the admin home: what waits for them, oldest first, and who worked this week."""

import datetime

import pytest
from django.utils import timezone

from progress.services import lesson_complete
from tests.progress.helpers import lessons_of, modules_of

from .conftest import add_learners, submit_writing

pytestmark = pytest.mark.django_db


def _panel(html: str) -> str:
    start = html.index("lumiere-trainer-panel")
    return html[start : html.index("</section>", start)]


def test_the_admin_home_lists_the_trainers_waiting_texts_oldest_first(
    client, writing_quiz, trainer_a, learner_a, learner_b, cohort_a
):
    (late,) = add_learners(cohort_a, 1, full_name="Zoé Tardive")
    first = submit_writing(writing_quiz, late, now=timezone.now() - datetime.timedelta(days=3))
    submit_writing(writing_quiz, learner_a)
    submit_writing(writing_quiz, learner_b)  # another trainer's cohort
    client.force_login(trainer_a)

    panel = _panel(client.get("/admin/").content.decode())

    assert "2 réponses écrites attendent une correction" in panel
    assert panel.index("Zoé Tardive") < panel.index(learner_a.get_full_name())
    assert f"/admin/cohorts/reviews/{first.pk}/" in panel
    assert "3\xa0jours" in panel
    assert learner_b.get_full_name() not in panel


def test_the_panel_counts_the_cohorts_learners_active_this_week(client, writing_quiz, trainer_a, cohort_a):
    active, _idle = add_learners(cohort_a, 2)
    lesson = lessons_of(modules_of(writing_quiz.get_parent().get_parent())[0])[0]
    lesson_complete(user=active, lesson=lesson)
    client.force_login(trainer_a)

    panel = _panel(client.get("/admin/").content.decode())

    row = panel[panel.index(cohort_a.name) :]
    row = row[: row.index("</tr>")]
    assert [cell.split("</td>")[0].strip() for cell in row.split("<td>")[1:]] == ["2", "1"]


def test_the_panel_says_when_nothing_waits_and_learners_never_see_it(client, trainer_a, learner_a):
    client.force_login(trainer_a)
    assert "Rien à corriger" in _panel(client.get("/admin/").content.decode())

    client.force_login(learner_a)
    assert "lumiere-trainer-panel" not in client.get("/admin/", follow=True).content.decode()  # a 403 page


def test_the_panels_queries_do_not_grow_with_cohorts_and_learners(
    client, writing_quiz, trainer_a, cohort_a, django_assert_max_num_queries
):
    from cohorts.services import cohort_create

    client.force_login(trainer_a)
    for learner in add_learners(cohort_a, 2):
        submit_writing(writing_quiz, learner)
    with django_assert_max_num_queries(60) as small:
        client.get("/admin/")
    for index in range(5):
        cohort = cohort_create(name=f"Cohorte {index}", created_by=trainer_a)
        for learner in add_learners(cohort, 4):
            submit_writing(writing_quiz, learner)

    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/admin/")


def test_the_panel_lists_lessons_whose_facts_are_due_for_a_check(client, trainer_a):
    from lessons.models import LessonPage
    from tests.factories import make_course

    make_course(modules=1, lessons=2)
    old, fresh = LessonPage.objects.order_by("path")
    old.reviewed_on = datetime.date(2020, 5, 12)
    old.save()
    fresh.reviewed_on = timezone.localdate()
    fresh.save()
    client.force_login(trainer_a)

    panel = _panel(client.get("/admin/").content.decode())

    assert "1 leçon à revérifier" in panel
    assert f"/admin/pages/{old.pk}/edit/" in panel and "12 mai 2020" in panel
    assert fresh.title not in panel

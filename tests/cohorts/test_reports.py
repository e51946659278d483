"""Progress matrix, learner page, item analysis and exports, seen by a trainer."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from cohorts.models import Membership
from lessons.models import LessonPage
from progress.models import ModuleCompletion
from progress.services import lesson_complete, lesson_visit_record
from quizzes.models import Attempt, AttemptStatus, QuizPage
from quizzes.results import answered_questions_record
from tests.factories import make_course, make_quiz, sample_question

from .conftest import add_learners

pytestmark = pytest.mark.django_db


@pytest.fixture
def course():
    course = make_course(modules=2, lessons=2)
    make_quiz(course.get_children().first().specific, questions=[sample_question("single")])
    return course


def _module(course, number):
    return course.get_children().specific()[number - 1]


def _graded(user, quiz, number, marks: dict[str, float], answers=None, snapshot=None):
    """A graded attempt written directly, with its stored question results as grading leaves them."""
    score = sum(marks.values())
    attempt = Attempt.objects.create(
        user=user,
        quiz=quiz,
        number=number,
        status=AttemptStatus.GRADED,
        submitted_at=timezone.now(),
        snapshot=snapshot or [{"id": key, "type": "short_answer", "prompt": f"Question {key}"} for key in marks],
        answers=answers or {},
        results=[
            {"question_id": key, "points": str(value), "max_points": "1", "status": "correct" if value else "incorrect"}
            for key, value in marks.items()
        ],
        score=Decimal(score),
        max_score=Decimal(len(marks)),
        percent=Decimal(100 * score / len(marks)),
        passed=score / len(marks) >= 0.5,
    )
    answered_questions_record(attempt=attempt)
    return attempt


def test_progress_matrix_shows_each_module_status_and_quiz_score(client, trainer_a, cohort_a, course):
    done, started, idle = add_learners(cohort_a, 3)
    module_1 = _module(course, 1)
    quiz = module_1.get_children().type(QuizPage).first()
    ModuleCompletion.objects.create(user=done, module=module_1, module_title=module_1.title)
    lesson = LessonPage.objects.child_of(module_1).first()
    lesson_visit_record(user=started, lesson=lesson)
    _graded(done, quiz.specific, 1, {"q1": 1})

    client.force_login(trainer_a)
    response = client.get(reverse("cohorts_admin:progress", args=[cohort_a.pk]), {"course": course.pk})

    assert response.status_code == 200
    rows = {row.user: row for row in response.context["object_list"]}
    assert [cell.status for cell in rows[done].cells] == ["complete", "not_started"]
    assert rows[done].cells[0].quiz_percent == Decimal(100)
    assert [cell.status for cell in rows[started].cells] == ["in_progress", "not_started"]
    assert [cell.status for cell in rows[idle].cells] == ["not_started", "not_started"]
    assert rows[idle].last_activity is None
    assert rows[started].last_activity is not None


def test_progress_can_be_sorted_by_modules_complete(client, trainer_a, cohort_a, course):
    first, second = add_learners(cohort_a, 2)
    module_1 = _module(course, 1)
    ModuleCompletion.objects.create(user=second, module=module_1, module_title=module_1.title)
    client.force_login(trainer_a)
    url = reverse("cohorts_admin:progress", args=[cohort_a.pk])
    descending = client.get(url, {"course": course.pk, "ordering": "-complete"})
    assert next(row.user for row in descending.context["object_list"]) == second
    ascending = client.get(url, {"course": course.pk, "ordering": "complete"})
    assert next(row.user for row in ascending.context["object_list"]) == first


def _progress_queries(client, django_assert_max_num_queries, cohort, course, budget):
    with django_assert_max_num_queries(budget) as captured:
        response = client.get(reverse("cohorts_admin:progress", args=[cohort.pk]), {"course": course.pk})
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_progress_page_query_count_does_not_grow_with_the_cohort(
    client, trainer_a, cohort_a, course, django_assert_max_num_queries
):
    client.force_login(trainer_a)
    module_1 = _module(course, 1)
    quiz = module_1.get_children().last().specific
    add_learners(cohort_a, 2)
    client.get(reverse("cohorts_admin:progress", args=[cohort_a.pk]), {"course": course.pk})  # course tree cached
    small = _progress_queries(client, django_assert_max_num_queries, cohort_a, course, 40)
    for learner in add_learners(cohort_a, 40):
        ModuleCompletion.objects.create(user=learner, module=module_1, module_title=module_1.title)
        _graded(learner, quiz, 1, {"q1": 1})
    large = _progress_queries(client, django_assert_max_num_queries, cohort_a, course, 40)
    assert large == small


def test_learner_page_lists_every_attempt(client, trainer_a, cohort_a, course):
    (learner,) = add_learners(cohort_a, 1)
    quiz = _module(course, 1).get_children().last().specific
    _graded(learner, quiz, 1, {"q1": 0})
    _graded(learner, quiz, 2, {"q1": 1})
    client.force_login(trainer_a)
    response = client.get(reverse("cohorts_admin:learner", args=[learner.pk]))
    assert [attempt.number for attempt in response.context["attempts"]] == [2, 1]
    assert quiz.title in response.content.decode()


def test_progress_export_neutralises_formulas_and_streams(client, trainer_a, cohort_a, course):
    add_learners(cohort_a, 1, full_name='=HYPERLINK("http://evil.test")')
    client.force_login(trainer_a)
    url = reverse("cohorts_admin:progress", args=[cohort_a.pk])

    response = client.get(url, {"course": course.pk, "export": "csv"})
    assert response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[1][0] == '\'=HYPERLINK("http://evil.test")'

    response = client.get(url, {"course": course.pk, "export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet["A2"].value == '\'=HYPERLINK("http://evil.test")'
    assert sheet["A2"].data_type == "s"


def test_item_analysis_page_shows_moodle_figures_for_first_attempts(client, trainer_a, cohort_a, course):
    quiz = _module(course, 1).get_children().last().specific
    learners = add_learners(cohort_a, 4)
    data = [{"q1": 1, "q2": 1}, {"q1": 1, "q2": 0}, {"q1": 0, "q2": 1}, {"q1": 0, "q2": 0}]
    for learner, marks in zip(learners, data, strict=True):
        _graded(learner, quiz, 1, marks)
        _graded(learner, quiz, 2, {"q1": 1, "q2": 1})  # later attempts are left out by default
    client.force_login(trainer_a)
    url = reverse("cohorts_admin:analysis")

    response = client.get(url, {"quiz": quiz.pk})
    analysis = response.context["analysis"]
    assert analysis.test.attempt_count == 4
    assert analysis.test.mean == 1
    assert [q.stats.facility for q in analysis.questions] == [0.5, 0.5]
    html = response.content.decode()
    assert "<svg" in html
    assert "50\u202f%" in html  # the numbers are printed as text, not only drawn

    everything = client.get(url, {"quiz": quiz.pk, "attempts": "all"}).context["analysis"]
    assert everything.test.attempt_count == 8


def test_item_analysis_counts_only_the_trainers_learners(client, trainer_a, cohort_a, cohort_b, course):
    quiz = _module(course, 1).get_children().last().specific
    (mine,) = add_learners(cohort_a, 1)
    (theirs,) = add_learners(cohort_b, 1)
    _graded(mine, quiz, 1, {"q1": 1})
    _graded(theirs, quiz, 1, {"q1": 0})
    client.force_login(trainer_a)
    analysis = client.get(reverse("cohorts_admin:analysis"), {"quiz": quiz.pk}).context["analysis"]
    assert analysis.test.attempt_count == 1


def test_item_analysis_export_is_a_csv_of_question_rows(client, trainer_a, cohort_a, course):
    quiz = _module(course, 1).get_children().last().specific
    for learner, mark in zip(add_learners(cohort_a, 2), (1, 0), strict=True):
        _graded(learner, quiz, 1, {"q1": mark, "q2": 1 - mark})
    client.force_login(trainer_a)
    response = client.get(reverse("cohorts_admin:analysis"), {"quiz": quiz.pk, "export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert len(rows) == 3
    assert rows[1][3] == "50.0"


def test_progress_can_be_sorted_by_last_activity(client, trainer_a, cohort_a, course):
    import datetime

    old, recent, idle = add_learners(cohort_a, 3)
    lesson = LessonPage.objects.child_of(_module(course, 1)).first()
    now = timezone.now()
    lesson_visit_record(user=old, lesson=lesson, now=now - datetime.timedelta(days=30))
    lesson_visit_record(user=recent, lesson=lesson, now=now - datetime.timedelta(days=40))
    lesson_complete(user=recent, lesson=lesson, now=now)
    client.force_login(trainer_a)
    url = reverse("cohorts_admin:progress", args=[cohort_a.pk])
    rows = client.get(url, {"course": course.pk, "ordering": "-activity"}).context["object_list"]
    assert [row.user for row in rows] == [recent, old, idle]
    assert rows[0].last_activity == now
    rows = client.get(url, {"course": course.pk, "ordering": "activity"}).context["object_list"]
    assert [row.user for row in rows] == [idle, old, recent]


def test_last_activity_in_another_course_is_neither_shown_nor_sorted_on(client, trainer_a, cohort_a, course):
    other = make_course(modules=1, lessons=1, title="Autre cours", slug="autre-cours")
    (learner,) = add_learners(cohort_a, 1)
    lesson_visit_record(user=learner, lesson=LessonPage.objects.descendant_of(other).first())
    client.force_login(trainer_a)
    url = reverse("cohorts_admin:progress", args=[cohort_a.pk])
    (row,) = client.get(url, {"course": course.pk, "ordering": "-activity"}).context["object_list"]
    assert row.last_activity is None
    (row,) = client.get(url, {"course": other.pk}).context["object_list"]
    assert row.last_activity is not None


@pytest.mark.parametrize("key", ["name", "activity", "complete", "joined", "email"])
@pytest.mark.parametrize("descending", [False, True])
def test_progress_is_sorted_by_every_column_across_pages(client, trainer_a, cohort_a, course, key, descending):
    """Sorting happens in SQL before paging: page 2 continues page 1, and the order is the column's."""
    import datetime

    from cohorts.views.progress import CohortProgressView

    now = timezone.now()
    lessons = list(LessonPage.objects.descendant_of(course).order_by("path"))
    module_1 = _module(course, 1)
    learners = add_learners(cohort_a, 7)
    for n, learner in enumerate(learners):
        learner.full_name = f"Apprenant {(n * 3) % 7}"
        learner.save(update_fields=["full_name"])
        if n % 3:
            lesson_visit_record(user=learner, lesson=lessons[n % len(lessons)], now=now - datetime.timedelta(hours=n))
        if n % 2:
            ModuleCompletion.objects.create(user=learner, module=module_1, module_title=module_1.title)
    Membership.objects.filter(cohort=cohort_a).update(joined_at=now)
    for n, learner in enumerate(learners):
        Membership.objects.filter(cohort=cohort_a, user=learner).update(joined_at=now - datetime.timedelta(days=n % 4))
    client.force_login(trainer_a)
    url = reverse("cohorts_admin:progress", args=[cohort_a.pk])
    ordering = ("-" if descending else "") + key
    rows = []
    for page in (1, 2):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(CohortProgressView, "paginate_by", 4)
            response = client.get(url, {"course": course.pk, "ordering": ordering, "p": page})
        assert response.status_code == 200
        rows += response.context["object_list"]
    assert len(rows) == 7
    assert len({row.user.pk for row in rows}) == 7

    def value(row):
        return {
            "name": (row.user.full_name,),
            "email": (row.user.email,),
            "activity": (row.last_activity or timezone.make_aware(datetime.datetime(1970, 1, 1)),),
            "complete": (row.modules_complete,),
            "joined": (row.membership.joined_at,),
        }[key]

    shown = [value(row) for row in rows]
    assert shown == sorted(shown, reverse=descending)


def test_item_analysis_is_cached_until_an_attempt_changes(client, trainer_a, cohort_a, course, monkeypatch):
    from cohorts import reports

    quiz = _module(course, 1).get_children().last().specific
    first, second, third = add_learners(cohort_a, 3)
    _graded(first, quiz, 1, {"q1": 1})
    _graded(second, quiz, 1, {"q1": 0})
    computed = []
    original = reports.quiz_analysis
    monkeypatch.setattr(reports, "quiz_analysis", lambda **kwargs: computed.append(1) or original(**kwargs))
    client.force_login(trainer_a)
    url = reverse("cohorts_admin:analysis")

    assert client.get(url, {"quiz": quiz.pk}).context["analysis"].test.attempt_count == 2
    assert client.get(url, {"quiz": quiz.pk}).context["analysis"].test.attempt_count == 2
    assert len(computed) == 1  # the second view read the cache

    _graded(third, quiz, 1, {"q1": 1})

    assert client.get(url, {"quiz": quiz.pk}).context["analysis"].test.attempt_count == 3
    assert len(computed) == 2


def test_the_course_final_quiz_has_its_own_column(client, trainer_a, cohort_a, course):
    final = make_quiz(course, questions=[sample_question("single")], title="Quiz final")
    passed, tried, idle = add_learners(cohort_a, 3)
    _graded(passed, final, 1, {"q1": 1})
    _graded(tried, final, 1, {"q1": 0})
    client.force_login(trainer_a)
    url = reverse("cohorts_admin:progress", args=[cohort_a.pk])

    response = client.get(url, {"course": course.pk})

    columns = response.context["matrix_columns"]
    assert [column.title for column in columns][-1] == "Quiz final"
    rows = {row.user: row for row in response.context["object_list"]}
    assert rows[passed].cells[-1].status == "complete" and rows[passed].cells[-1].quiz_percent == 100
    assert rows[tried].cells[-1].status == "in_progress"
    assert rows[idle].cells[-1].status == "not_started"
    assert rows[passed].modules_complete == 0  # the final quiz is not a module
    assert "0 / 2" in response.content.decode()

    export = client.get(url, {"course": course.pk, "export": "csv"})
    header = next(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert "Quiz final" in header


def test_the_progress_report_offers_a_csv_for_french_excel_in_its_actions_menu(client, trainer_a, cohort_a, course):
    add_learners(cohort_a, 1, full_name="Camille Dupré")
    client.force_login(trainer_a)
    url = reverse("cohorts_admin:progress", args=[cohort_a.pk])

    html = client.get(url, {"course": course.pk}).content.decode()
    actions_menu = html[html.index('aria-label="Actions"') :]
    assert "export=csv-excel" in actions_menu  # in Wagtail's « Actions » menu, not a row of labelled buttons

    response = client.get(url, {"course": course.pk, "export": "csv-excel"})
    first_line = b"".join(response.streaming_content).decode("utf-8-sig").splitlines()[0]
    assert ";" in first_line and "," not in first_line

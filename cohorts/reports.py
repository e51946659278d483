"""Reads behind the trainer reports: progress matrix, a learner's attempts, item analysis, review queue.

Every function takes already-scoped querysets or a cohort the caller was allowed to see (see selectors).
Query counts depend on the number of modules shown, never on the number of learners or attempts.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection
from django.db.models import Count, F, FilteredRelation, Max, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.timesince import timesince
from django.utils.translation import gettext as _

from course.models import CoursePage
from course.selectors import course_outline_get
from progress.models import LessonProgress, ModuleCompletion
from quizzes.models import AnsweredQuestion, Attempt, AttemptStatus, QuizPage
from quizzes.question_types import question_type_get, question_type_is_choice, question_type_is_reviewed
from quizzes.rules import SUBMITTED_STATUSES, final_attempts_q, passed_attempts_q

from . import statistics
from .models import Cohort, Membership

SUBMITTED = SUBMITTED_STATUSES
NEVER = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
EXPORT_CHUNK = 500


class CellStatus:
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"


@dataclass
class ModuleColumn:
    """A column of the matrix: a module, its lessons and its quiz; or the course's final quiz alone."""

    module_id: int | None
    title: str
    number: int | None
    lesson_ids: list[int]
    quiz_id: int | None

    @property
    def is_final_quiz(self) -> bool:
        return self.module_id is None

    @property
    def key(self) -> str:
        return f"module-{self.module_id}" if self.module_id is not None else f"quiz-{self.quiz_id}"


@dataclass
class MatrixCell:
    status: str
    quiz_percent: Decimal | None = None
    quiz_passed: bool = False


@dataclass
class MatrixRow:
    membership: Membership
    cells: list[MatrixCell]
    last_activity: datetime.datetime | None
    modules_complete: int

    @property
    def user(self):
        return self.membership.user


def report_courses() -> list[CoursePage]:
    """The live courses a report can be drawn for, in catalogue order."""
    return list(CoursePage.objects.live().order_by("path"))


def module_columns(*, course: CoursePage) -> list[ModuleColumn]:
    """The course's modules, in order, with their lesson and quiz ids, then its final quiz if it has one.

    A few queries, none per module.
    """
    outline = course_outline_get(course=course)
    columns = [
        ModuleColumn(
            module_id=module.module.pk,
            title=module.module.title,
            number=module.number,
            lesson_ids=[lesson.pk for lesson in module.lessons],
            quiz_id=module.quiz.pk if module.quiz else None,
        )
        for module in outline["modules"]
    ]
    if outline["final_quiz"] is not None:
        final = outline["final_quiz"]
        columns.append(ModuleColumn(module_id=None, title=final.title, number=None, lesson_ids=[], quiz_id=final.pk))
    return columns


ORDERINGS = {
    "name": ("user__full_name", "user__email"),
    "-name": ("-user__full_name", "-user__email"),
    "email": ("user__email",),
    "-email": ("-user__email",),
    "activity": ("last_activity_sort", "user__full_name"),
    "-activity": ("-last_activity_sort", "user__full_name"),
    "complete": ("modules_complete", "user__full_name"),
    "-complete": ("-modules_complete", "user__full_name"),
    "joined": ("joined_at", "user__full_name"),
    "-joined": ("-joined_at", "user__full_name"),
}


def progress_memberships(
    *, cohort: Cohort, course: CoursePage, columns: Sequence[ModuleColumn], ordering: str = "name"
) -> QuerySet:
    """The cohort's memberships in the requested order, sorted and paged in SQL, with each learner's last activity.

    The last activity is the stored ``progress.CourseActivity`` row, joined on its (user, course) unique index:
    no subquery per learner. The modules-complete count is joined from one grouped subquery only when the
    ordering needs it; the figures shown come from ``progress_rows``, one page (or export chunk) at a time.
    """
    ordering = ordering if ordering in ORDERINGS else "name"
    queryset = (
        cohort.memberships.select_related("user")
        .alias(
            course_activity=FilteredRelation(
                "user__course_activities", condition=Q(user__course_activities__course=course)
            )
        )
        .annotate(last_activity_at=F("course_activity__last_activity_at"))
    )
    if ordering.lstrip("-") == "activity":
        # Never active sorts as the oldest activity on both databases (NULLs sort differently in each).
        queryset = queryset.alias(last_activity_sort=Coalesce("last_activity_at", Value(NEVER)))
    elif ordering.lstrip("-") == "complete":
        module_ids = [column.module_id for column in columns if not column.is_final_quiz]
        completions = (
            ModuleCompletion.objects.filter(user_id=OuterRef("user_id"), module_id__in=module_ids)
            .order_by()
            .values("user_id")
            .annotate(n=Count("pk"))
            .values("n")
        )
        queryset = queryset.annotate(modules_complete=Coalesce(Subquery(completions), Value(0)))
    return queryset.order_by(*ORDERINGS[ordering], "pk")


def progress_rows(*, memberships: Sequence[Membership], columns: Sequence[ModuleColumn]) -> list[MatrixRow]:
    """Matrix rows for these memberships (from ``progress_memberships``): three queries whatever their number."""
    user_ids = [membership.user_id for membership in memberships]
    module_ids = [column.module_id for column in columns if not column.is_final_quiz]
    lesson_module = {lesson_id: column.key for column in columns for lesson_id in column.lesson_ids}
    quiz_module = {column.quiz_id: column.key for column in columns if column.quiz_id}

    completed = {
        (user_id, f"module-{module_id}")
        for user_id, module_id in ModuleCompletion.objects.filter(
            user_id__in=user_ids, module_id__in=module_ids
        ).values_list("user_id", "module_id")
    }
    started: set[tuple[int, str]] = set()
    for user_id, lesson_id in (
        LessonProgress.objects.filter(user_id__in=user_ids, lesson_id__in=list(lesson_module))
        .values_list("user_id", "lesson_id")
        .distinct()
    ):
        started.add((user_id, lesson_module[lesson_id]))
    best: dict[tuple[int, str], tuple[Decimal | None, bool]] = {}
    for user_id, quiz_id, best_percent, passed in (
        Attempt.objects.filter(user_id__in=user_ids, quiz_id__in=list(quiz_module), status__in=SUBMITTED)
        .values("user_id", "quiz_id")
        .annotate(
            best=Max("percent", filter=final_attempts_q()),  # final grades only, as learners see them
            passes=Count("pk", filter=passed_attempts_q()),
        )
        .values_list("user_id", "quiz_id", "best", "passes")
    ):
        best[(user_id, quiz_module[quiz_id])] = (best_percent, bool(passed))
        started.add((user_id, quiz_module[quiz_id]))

    complete_count: dict[int, int] = defaultdict(int)
    for user_id, _module_id in completed:
        complete_count[user_id] += 1

    rows = []
    for membership in memberships:
        cells = []
        for column in columns:
            key = (membership.user_id, column.key)
            percent, passed = best.get(key, (None, False))
            if key in completed or (column.is_final_quiz and passed):
                status = CellStatus.COMPLETE
            elif key in started:
                status = CellStatus.IN_PROGRESS
            else:
                status = CellStatus.NOT_STARTED
            cells.append(MatrixCell(status=status, quiz_percent=percent, quiz_passed=passed))
        rows.append(
            MatrixRow(
                membership=membership,
                cells=cells,
                last_activity=getattr(membership, "last_activity_at", None),  # annotated by progress_memberships
                modules_complete=complete_count[membership.user_id],
            )
        )
    return rows


def progress_rows_iter(*, memberships: QuerySet, columns: Sequence[ModuleColumn]) -> Iterator[MatrixRow]:
    """All rows, EXPORT_CHUNK learners at a time, so an export of any size keeps memory bounded."""
    chunk: list[Membership] = []
    for membership in memberships.iterator(chunk_size=EXPORT_CHUNK):
        chunk.append(membership)
        if len(chunk) >= EXPORT_CHUNK:
            yield from progress_rows(memberships=chunk, columns=columns)
            chunk = []
    if chunk:
        yield from progress_rows(memberships=chunk, columns=columns)


# A learner's attempts -----------------------------------------------------------------------------


def learner_attempts(*, learner) -> list[Attempt]:
    """Every submitted or open attempt of the learner, newest first, with its quiz (one query)."""
    return list(
        Attempt.objects.filter(user=learner)
        .select_related("quiz")
        .defer("snapshot", "answers", "results")
        .order_by("-started_at", "-pk")
    )


def learner_cohorts(*, learner, visible: QuerySet[Cohort]) -> list[Cohort]:
    return list(visible.filter(memberships__user=learner).order_by("name"))


# Item analysis ------------------------------------------------------------------------------------


@dataclass
class QuestionAnalysis:
    number: int
    question_id: str
    prompt: str
    type: str
    stats: statistics.ItemStatistics
    options: list[statistics.OptionCount] = field(default_factory=list)


@dataclass
class QuizAnalysis:
    quiz: QuizPage | None
    all_attempts: bool
    test: statistics.QuizStatistics
    questions: list[QuestionAnalysis]


def analysed_attempts(*, quiz: QuizPage, learners: QuerySet, all_attempts: bool) -> QuerySet[Attempt]:
    """The attempts an analysis counts: graded (not waiting for a review), each learner's first unless all."""
    attempts = Attempt.objects.filter(quiz=quiz, status=AttemptStatus.GRADED, user__in=learners)
    return attempts if all_attempts else attempts.filter(number=1)


ANALYSIS_CHUNK = 2000


def quiz_analysis(*, quiz: QuizPage, learners: QuerySet, all_attempts: bool = False) -> QuizAnalysis:
    """Moodle's item analysis of a quiz over the given learners' graded attempts (first attempts by default).

    Reads the stored per-question results (quizzes.models.AnsweredQuestion, written when attempts are graded):
    a few numbers per question instead of every attempt's JSON snapshot. The questions' prompts and options come
    from the first snapshot that holds them. Attempts still waiting for a review are left out (their marks are
    not final).
    """
    attempts = analysed_attempts(quiz=quiz, learners=learners, all_attempts=all_attempts).order_by("pk")
    attempt_ids = list(attempts.values_list("pk", flat=True))
    pairs: dict[str, dict[tuple[float, float], int]] = defaultdict(lambda: defaultdict(int))
    attempt_totals: dict[float, int] = defaultdict(int)
    max_marks: dict[str, float] = {}
    first_attempt: dict[str, int] = {}
    totals: dict[str, int] = defaultdict(int)
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    # By chunks of attempt ids: an index lookup each, whatever the planner knows of the table's statistics (a
    # join with the attempts' query took minutes on a freshly filled, not yet analysed table). An attempt's
    # marks are all in its chunk, so the chunks' counts simply add up.
    for start in range(0, len(attempt_ids), ANALYSIS_CHUNK):
        chunk = attempt_ids[start : start + ANALYSIS_CHUNK]
        marked = 0
        for total_cents, number in _attempt_totals_counted(chunk):
            attempt_totals[total_cents / 100] += number
            marked += number
        if len(chunk) > marked:  # attempts with no mark stored count with a total of 0
            attempt_totals[0.0] += len(chunk) - marked
        for question_id, points, total_cents, number, max_points, first in _question_marks_counted(chunk):
            pairs[question_id][(points, total_cents / 100 - points)] += number
            max_marks[question_id] = max(max_points, max_marks.get(question_id, max_points))
            first_attempt[question_id] = min(first, first_attempt.get(question_id, first))
        stored = AnsweredQuestion.objects.filter(attempt_id__in=chunk)
        for question_id, chosen, number in (
            stored.filter(chosen__isnull=False).order_by().values("question_id", "chosen").annotate(n=Count("id"))
        ).values_list("question_id", "chosen", "n"):
            totals[question_id] += number
            for label in chosen or ():  # never None: the filter above excludes it
                counts[question_id][label] += number
    specs: dict[str, dict] = {}
    order: list[str] = []
    for snapshot in (
        Attempt.objects.filter(pk__in=sorted(set(first_attempt.values())))
        .order_by("pk")
        .values_list("snapshot", flat=True)
    ):
        for spec in snapshot or ():
            question_id = str(spec.get("id"))
            if question_id not in specs:
                specs[question_id] = spec
                order.append(question_id)
    current = _current_question_order(quiz)
    order = sorted(order, key=lambda question_id: current.get(question_id, len(current) + order.index(question_id)))
    analysis = statistics.item_analysis_counted(
        pairs=pairs, totals=attempt_totals, max_marks=max_marks, question_order=order
    )
    questions = []
    for number, item in enumerate(analysis.items, start=1):
        spec = specs.get(item.question_id, {})
        options = []
        if question_type_is_choice(spec.get("type")):
            options = statistics.option_frequencies_counted(
                spec=spec, total=totals[item.question_id], counts=counts[item.question_id]
            )
        questions.append(
            QuestionAnalysis(
                number=number,
                question_id=item.question_id,
                prompt=spec.get("prompt", ""),
                type=spec.get("type", ""),
                stats=item,
                options=options,
            )
        )
    return QuizAnalysis(quiz=quiz, all_attempts=all_attempts, test=analysis.test, questions=questions)


# An attempt's total in cents, summed by the database: exact, whatever the order of its marks.
_TOTAL_CENTS = "SUM(ROUND(points * 100)) OVER (PARTITION BY attempt_id)"


def _question_marks_counted(attempt_ids: Sequence[int]) -> list[tuple[str, float, float, int, float, int]]:
    """(question, mark, attempt total in cents, attempts, maximum mark, first attempt) over these attempts.

    One row per question and distinct (mark, total): a few dozen rows per question whatever the number of
    attempts, from which statistics.item_analysis_counted computes facility, discrimination and alpha.
    """
    placeholders = ", ".join(["%s"] * len(attempt_ids))
    sql = f"""
        SELECT question_id, points, total_cents, COUNT(*), MAX(max_points), MIN(attempt_id)
        FROM (
            SELECT attempt_id, question_id, points, max_points, {_TOTAL_CENTS} AS total_cents
            FROM {AnsweredQuestion._meta.db_table} WHERE attempt_id IN ({placeholders})
        ) AS marks
        GROUP BY question_id, points, total_cents
    """  # noqa: S608 (only our placeholders and table name are formatted in; the ids are parameters)
    with connection.cursor() as cursor:
        cursor.execute(sql, list(attempt_ids))
        return [
            (str(question), float(points), float(cents), int(number), float(top), int(first))
            for question, points, cents, number, top, first in cursor.fetchall()
        ]


def _attempt_totals_counted(attempt_ids: Sequence[int]) -> list[tuple[float, int]]:
    """(attempt total in cents, attempts) over these attempts' stored marks (attempts without any are absent)."""
    placeholders = ", ".join(["%s"] * len(attempt_ids))
    sql = f"""
        SELECT total_cents, COUNT(*)
        FROM (
            SELECT attempt_id, SUM(ROUND(points * 100)) AS total_cents
            FROM {AnsweredQuestion._meta.db_table} WHERE attempt_id IN ({placeholders})
            GROUP BY attempt_id
        ) AS totals
        GROUP BY total_cents
    """  # noqa: S608 (only our placeholders and table name are formatted in; the ids are parameters)
    with connection.cursor() as cursor:
        cursor.execute(sql, list(attempt_ids))
        return [(float(cents), int(number)) for cents, number in cursor.fetchall()]


def _current_question_order(quiz: QuizPage) -> dict[str, int]:
    """Position of each question id in the quiz as it stands now (draws and shuffles vary per attempt)."""
    return {str(item.get("id")): index for index, item in enumerate(quiz.questions.raw_data)}


def report_quizzes() -> list[QuizPage]:
    return list(QuizPage.objects.live().order_by("path"))


# Review queue ---------------------------------------------------------------------------------------


def waiting_display(*, since: datetime.datetime | None, now: datetime.datetime) -> str:
    """How long a text has waited for its review, to the largest unit: « en attente depuis 3 jours »."""
    if since is None:
        return ""
    return _("waiting for %(duration)s") % {"duration": timesince(since, now, depth=1)}


def writing_questions(*, attempt: Attempt) -> list[dict]:
    """The reviewed questions of an attempt (writing, posts) with the learner's answer, the rubric and any review."""
    reviews = {review.question_id: review for review in attempt.writing_reviews.all()}
    results = {str(result.get("question_id")): result for result in attempt.results or ()}
    questions = []
    for number, spec in enumerate(attempt.snapshot or (), start=1):
        if not question_type_is_reviewed(spec.get("type")):
            continue
        result = results.get(str(spec["id"]), {})
        answer = (attempt.answers or {}).get(spec["id"])
        questions.append(
            {
                "number": number,
                "id": spec["id"],
                "type": spec.get("type"),
                "prompt": spec.get("prompt", ""),
                "model_answer": spec.get("model_answer", ""),
                "rubric": spec.get("rubric", []),
                "text": (answer.get("text") if isinstance(answer, dict) else answer) or "",
                # What the type shows of the answer (a post: its preview card, alt text, credit, stored checklist).
                "details": question_type_get(spec.get("type")).review(spec=spec, answer=answer, reveal=True),
                "max_points": Decimal(str(result.get("max_points", spec.get("points")) or 0)),
                "status": result.get("status"),
                "review": reviews.get(str(spec["id"])),
            }
        )
    return questions

"""What trainers download: the headings and rows of each export, in the order the columns appear.

Views pick a table and a format; ``exports`` writes it (CSV, CSV for French Excel, XLSX) as a stream.
Rows are generators over chunked querysets, so a 10,000-learner cohort is never held in memory.

The cohort-sized tables (learners, progress) can also be built from a small JSON description (``kind`` and
``params``) with the asking user's scope: the view streams it when it is small, and the task worker rebuilds it
for a large background export (``cohorts.export_files``), checking again that the owner may still see it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from . import reports, selectors
from .forms import ProgressFilterSet
from .models import Cohort, ExportFile, Membership

if TYPE_CHECKING:
    from accounts.models import User


@dataclass(frozen=True)
class Table:
    """One downloadable table: file name (without extension), sheet title, headings and rows."""

    filename: str
    sheet_title: str
    headings: Sequence[str]
    rows: Iterable[Sequence[Any]]


def members_table(*, cohort: Cohort) -> Table:
    """The cohort's learners: name, e-mail address, when and how they joined."""
    members = selectors.cohort_members(cohort=cohort)
    rows = (
        (m.user.full_name, m.user.email, m.joined_at, m.get_source_display())
        for m in members.iterator(chunk_size=reports.EXPORT_CHUNK)
    )
    return Table(
        filename=f"{cohort.name}-membres",
        sheet_title=_("Learners"),
        headings=[_("Full name"), _("E-mail address"), _("Joined"), _("Source")],
        rows=rows,
    )


def progress_table(
    *, cohort: Cohort, memberships: QuerySet[Membership], columns: Sequence[reports.ModuleColumn]
) -> Table:
    """The progress report: one row per learner, a status and a best quiz score per module."""
    status_labels = {
        reports.CellStatus.NOT_STARTED: _("Not started"),
        reports.CellStatus.IN_PROGRESS: _("In progress"),
        reports.CellStatus.COMPLETE: _("Complete"),
    }
    headings = [_("Full name"), _("E-mail address"), _("Last activity"), _("Modules complete")]
    for column in columns:
        headings += [column.title, _("%(module)s – best quiz score (%%)") % {"module": column.title}]

    def rows() -> Iterator[list[Any]]:
        for row in reports.progress_rows_iter(memberships=memberships, columns=columns):
            values = [row.user.full_name, row.user.email, row.last_activity, row.modules_complete]
            for cell in row.cells:
                values += [status_labels[cell.status], cell.quiz_percent]
            yield values

    return Table(filename=f"{cohort.name}-progression", sheet_title=_("Progress"), headings=headings, rows=rows())


def attempts_table(*, learner: Any) -> Table:
    """One learner's quiz attempts, with their status, score and whether they passed."""
    rows = (
        (
            attempt.quiz_display_title,
            attempt.number,
            attempt.get_status_display(),
            attempt.started_at,
            attempt.submitted_at,
            attempt.score,
            attempt.max_score,
            attempt.percent,
            _("Waiting for review") if attempt.is_pending_review else (_("Yes") if attempt.is_passed else _("No")),
        )
        for attempt in reports.learner_attempts(learner=learner)
    )
    return Table(
        filename=f"{learner.get_full_name()}-tentatives",
        sheet_title=_("Attempts"),
        headings=[
            _("Quiz"),
            _("Attempt"),
            _("Status"),
            _("Started"),
            _("Submitted"),
            _("Score"),
            _("Maximum"),
            _("Percent"),
            _("Passed"),
        ],
        rows=rows,
    )


def _scaled(value: float | None, factor: float | None) -> float | None:
    if value is None or factor is None:
        return None
    return round(value * factor, 2)


def analysis_table(*, quiz_title: str, analysis: reports.QuizAnalysis) -> Table:
    """A quiz's item analysis: one row per question with its indices in percent."""
    rows = (
        (
            q.number,
            q.prompt,
            q.stats.attempt_count,
            _scaled(q.stats.facility, 100),
            _scaled(q.stats.standard_deviation, 100 / q.stats.max_mark if q.stats.max_mark else None),
            _scaled(q.stats.discrimination_index, 100),
            _scaled(q.stats.discriminative_efficiency, 100),
            _("Yes") if q.stats.is_dubious else "",
        )
        for q in analysis.questions
    )
    return Table(
        filename=f"{quiz_title}-analyse",
        sheet_title=_("Item analysis"),
        headings=[
            _("Question"),
            _("Prompt"),
            _("Attempts"),
            _("Facility index (%)"),
            _("Standard deviation (%)"),
            _("Discrimination index (%)"),
            _("Discriminative efficiency (%)"),
            _("Flagged"),
        ],
        rows=rows,
    )


@dataclass(frozen=True)
class SizedTable:
    """A table rebuilt from its description, with its number of rows (one COUNT query) and a title for lists."""

    table: Table
    row_count: int
    title: str


def _members_sized(*, owner: User, params: dict[str, Any]) -> SizedTable:
    cohort = selectors.cohort_get(user=owner, cohort_id=params.get("cohort_id", ""))
    return SizedTable(
        table=members_table(cohort=cohort),
        row_count=cohort.memberships.count(),
        title=_("Learners of %(cohort)s") % {"cohort": cohort.name},
    )


def progress_params(*, cohort: Cohort, course_id: int | None, ordering: str, learner: str) -> dict[str, Any]:
    """What describes a progress export: the cohort, the course, the order and the learner filter."""
    return {"cohort_id": cohort.pk, "course_id": course_id, "ordering": ordering, "learner": learner}


def _progress_sized(*, owner: User, params: dict[str, Any]) -> SizedTable:
    cohort = selectors.cohort_get(user=owner, cohort_id=params.get("cohort_id", ""))
    course = next((c for c in reports.report_courses() if c.pk == params.get("course_id")), None)
    if params.get("course_id") is not None and course is None:
        raise Http404("No such course.")
    columns = reports.module_columns(course=course) if course else []
    if course is None:
        memberships = cohort.memberships.none()  # as on the report page: no course chosen, no rows
    else:
        memberships = reports.progress_memberships(
            cohort=cohort, course=course, columns=columns, ordering=str(params.get("ordering") or "name")
        )
    filterset = ProgressFilterSet(data={"learner": str(params.get("learner") or "")}, queryset=memberships)
    memberships = filterset.qs
    title = _("Progress of %(cohort)s") % {"cohort": cohort.name}
    if course is not None:
        title += f" – {course.title}"
    return SizedTable(
        table=progress_table(cohort=cohort, memberships=memberships, columns=columns),
        row_count=memberships.count(),
        title=title,
    )


SIZED_TABLES = {ExportFile.Kind.MEMBERS: _members_sized, ExportFile.Kind.PROGRESS: _progress_sized}


def sized_table_build(*, owner: User, kind: str, params: dict[str, Any]) -> SizedTable:
    """The table ``kind`` described by ``params``, as ``owner`` may see it; Http404 when they may not (any more)."""
    try:
        builder = SIZED_TABLES[ExportFile.Kind(kind)]
    except ValueError:
        raise Http404("No such report.") from None
    return builder(owner=owner, params=params)

"""Trainer workspace views (Wagtail admin) and the learners' join-by-invitation view.

Views check who may see what through ``selectors`` (another trainer's cohort or learner → 404; no
trainer role → 403), call one service or selector, and render.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets.button import Button, HeaderButton

from progress.services import RevocationNotConfirmed
from quizzes.services import writing_review_record

from . import charts, exports, reports, scope, selectors, services
from .forms import CohortForm, CohortIndexFilterSet, ConfirmImportForm, ImportForm, ProgressFilterSet, WritingReviewForm
from .notifications import review_notification_schedule
from .services import CohortError

IMPORT_SALT = "cohorts.import"
IMPORT_MAX_AGE = 60 * 60


def _require_staff(request):
    if not selectors.is_cohort_staff(request.user):
        raise PermissionDenied


def _export_format(request) -> str | None:
    value = request.GET.get("export")
    return value if value in exports.EXPORT_FORMATS else None


def _percent(value) -> str:
    return "" if value is None else f"{float(value) * 100:.1f}".replace(".", ",") + "\u00a0%"


class StaffMixin:
    """Trainers and administrators only; 403 for everyone else."""

    def dispatch(self, request, *args, **kwargs):
        _require_staff(request)
        return super().dispatch(request, *args, **kwargs)


class ExportButtonsMixin:
    """Downloads (CSV, CSV for French Excel, XLSX) in the header's « Actions » menu, the way Wagtail's own
    listings offer them: labelled buttons in the header would push the page title off small screens."""

    def export_url(self, export_format: str) -> str:
        params = self.request.GET.copy()
        params["export"] = export_format
        params.pop("p", None)
        return self.request.path + "?" + params.urlencode()

    def export_buttons(self) -> list[Button]:
        return [
            Button(_("Download CSV"), url=self.export_url("csv"), icon_name="download", priority=90),
            Button(_("CSV for Excel (;)"), url=self.export_url("csv-excel"), icon_name="download", priority=91),
            Button(_("Download XLSX"), url=self.export_url("xlsx"), icon_name="download", priority=92),
        ]

    def get_header_more_buttons(self):
        return [*super().get_header_more_buttons(), *self.export_buttons()]


# Cohorts ------------------------------------------------------------------------------------------


class CohortIndexView(StaffMixin, ReportView):
    page_title = gettext_lazy("Cohorts")
    header_icon = "group"
    results_template_name = "cohorts/admin/cohort_index_results.html"
    index_url_name = "cohorts_admin:index"
    index_results_url_name = "cohorts_admin:index_results"
    filterset_class = CohortIndexFilterSet
    paginate_by = 50

    def get_queryset(self):
        return selectors.cohort_list(user=self.request.user).order_by("-starts_on", "name", "pk")

    def get_header_buttons(self):
        return [
            HeaderButton(_("Add a cohort"), url=reverse("cohorts_admin:create"), icon_name="plus", priority=10),
        ]


class CohortFormView(StaffMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "cohorts/admin/cohort_form.html"
    header_icon = "group"

    @cached_property
    def cohort(self):
        cohort_id = self.kwargs.get("cohort_id")
        return None if cohort_id is None else selectors.cohort_get(user=self.request.user, cohort_id=cohort_id)

    def get_page_title(self):
        return _("Edit cohort") if self.cohort else _("Add a cohort")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": reverse("cohorts_admin:index"), "label": _("Cohorts")}] + [
            {"url": "", "label": self.get_page_title()}
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["form"] = kwargs.get("form") or CohortForm(
            instance=self.cohort, initial=None if self.cohort else {"trainers": [self.request.user.pk]}
        )
        context["cohort"] = self.cohort
        return context

    def post(self, request, *args, **kwargs):
        form = CohortForm(request.POST, instance=self.cohort)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        if self.cohort is None:
            cohort = services.cohort_create(
                name=data["name"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                trainers=data["trainers"],
                created_by=request.user,
            )
            messages.success(request, _("Cohort « %(name)s » created.") % {"name": cohort.name})
        else:
            trainers = list(data["trainers"])
            if not request.user.is_superuser and request.user not in trainers:
                trainers.append(request.user)  # a trainer cannot lock themselves out of their cohort
            cohort = services.cohort_update(
                cohort=self.cohort,
                name=data["name"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                invitation_active=data["invitation_active"],
                trainers=trainers,
            )
            messages.success(request, _("Cohort « %(name)s » saved.") % {"name": cohort.name})
        return redirect("cohorts_admin:detail", cohort_id=cohort.pk)


class CohortDetailView(StaffMixin, ExportButtonsMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "cohorts/admin/cohort_detail.html"
    header_icon = "group"

    @cached_property
    def cohort(self):
        return selectors.cohort_get(user=self.request.user, cohort_id=self.kwargs["cohort_id"])

    def get_page_title(self):
        return self.cohort.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cohorts_admin:index"), "label": _("Cohorts")},
            {"url": "", "label": self.cohort.name},
        ]

    def get_header_buttons(self):
        return [
            HeaderButton(
                _("Progress report"),
                url=reverse("cohorts_admin:progress", args=[self.cohort.pk]),
                icon_name="table",
                priority=10,
            ),
            *super().get_header_buttons(),
        ]

    def get_header_more_buttons(self):
        return [
            Button(_("Edit"), url=reverse("cohorts_admin:edit", args=[self.cohort.pk]), icon_name="edit", priority=10),
            Button(
                _("Import learners"),
                url=reverse("cohorts_admin:import", args=[self.cohort.pk]),
                icon_name="upload",
                priority=20,
            ),
            *self.export_buttons(),
        ]

    def get(self, request, *args, **kwargs):
        export_format = _export_format(request)
        if export_format:
            members = selectors.cohort_members(cohort=self.cohort)
            rows = (
                (m.user.full_name, m.user.email, m.joined_at, m.get_source_display())
                for m in members.iterator(chunk_size=reports.EXPORT_CHUNK)
            )
            return exports.export_response(
                export_format=export_format,
                filename=f"{self.cohort.name}-membres",
                headings=[_("Full name"), _("E-mail address"), _("Joined"), _("Source")],
                rows=rows,
                sheet_title=_("Learners"),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        from django.core.paginator import Paginator

        context = super().get_context_data(**kwargs)
        paginator = Paginator(selectors.cohort_members(cohort=self.cohort), 100)
        context.update(
            cohort=self.cohort,
            members=paginator.get_page(self.request.GET.get("p")),
            trainers=list(self.cohort.trainers.order_by("full_name")),
            pending=list(selectors.cohort_pending_invitations(cohort=self.cohort)[:500]),
            now=timezone.now(),
            invitation_url=services.invitation_url(cohort=self.cohort),
        )
        return context


@require_POST
def invitation_rotate(request, cohort_id):
    _require_staff(request)
    cohort = selectors.cohort_get(user=request.user, cohort_id=cohort_id)
    services.invitation_token_rotate(cohort=cohort)
    messages.success(request, _("A new invitation link was created; the previous one no longer works."))
    return redirect("cohorts_admin:detail", cohort_id=cohort.pk)


@require_POST
def membership_remove(request, cohort_id, user_id):
    _require_staff(request)
    cohort = selectors.cohort_get(user=request.user, cohort_id=cohort_id)
    if not services.membership_remove(cohort=cohort, user_id=user_id):
        raise Http404("Not a member of this cohort.")
    messages.success(request, _("The learner was removed from the cohort. Their progress is kept."))
    return redirect("cohorts_admin:detail", cohort_id=cohort.pk)


@require_POST
def pending_invitation_cancel(request, cohort_id, invitation_id):
    _require_staff(request)
    cohort = selectors.cohort_get(user=request.user, cohort_id=cohort_id)
    if not services.pending_invitation_cancel(cohort=cohort, invitation_id=invitation_id):
        raise Http404("No such invitation.")
    messages.success(request, _("The invitation was cancelled."))
    return redirect("cohorts_admin:detail", cohort_id=cohort.pk)


class CohortImportView(StaffMixin, WagtailAdminTemplateMixin, TemplateView):
    """Upload → preview with one status or error per line → confirm; all or nothing."""

    template_name = "cohorts/admin/cohort_import.html"
    header_icon = "upload"

    @cached_property
    def cohort(self):
        return selectors.cohort_get(user=self.request.user, cohort_id=self.kwargs["cohort_id"])

    def get_page_title(self):
        return _("Import learners")

    def get_page_subtitle(self):
        return self.cohort.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cohorts_admin:index"), "label": _("Cohorts")},
            {"url": reverse("cohorts_admin:detail", args=[self.cohort.pk]), "label": self.cohort.name},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cohort"] = self.cohort
        context.setdefault("form", ImportForm())
        context["actions"] = services.LineAction
        return context

    def _salt(self):
        return f"{IMPORT_SALT}.{self.cohort.pk}.{self.request.user.pk}"

    def post(self, request, *args, **kwargs):
        if "payload" in request.POST:
            return self._confirm(request)
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data["file"]
        preview = services.learners_import_preview(cohort=self.cohort, data=data)
        confirm = None
        if preview.is_valid:
            payload = signing.dumps(data.decode("latin-1"), salt=self._salt(), compress=True)
            confirm = ConfirmImportForm(initial={"payload": payload})
        return self.render_to_response(
            self.get_context_data(form=form, preview=preview, confirm_form=confirm),
            status=200 if preview.is_valid else 400,
        )

    def _confirm(self, request):
        try:
            data = signing.loads(request.POST["payload"], salt=self._salt(), max_age=IMPORT_MAX_AGE)
        except signing.BadSignature:
            messages.error(request, _("This preview has expired or was altered; please upload the file again."))
            return redirect("cohorts_admin:import", cohort_id=self.cohort.pk)
        try:
            result = services.learners_import_apply(
                cohort=self.cohort, data=data.encode("latin-1"), invited_by=request.user
            )
        except CohortError as error:
            messages.error(request, str(error))
            return redirect("cohorts_admin:import", cohort_id=self.cohort.pk)
        messages.success(
            request,
            _("%(invited)s invitations sent. Learners join the cohort when they accept theirs.")
            % {"invited": result.invited},
        )
        return redirect("cohorts_admin:detail", cohort_id=self.cohort.pk)


# Progress report ----------------------------------------------------------------------------------


class CohortProgressView(StaffMixin, ExportButtonsMixin, ReportView):
    """Learners × modules of one course: not started / in progress / complete, quiz score, last activity."""

    results_template_name = "cohorts/admin/progress_results.html"
    header_icon = "table"
    filterset_class = ProgressFilterSet
    paginate_by = 50

    @cached_property
    def cohort(self):
        return selectors.cohort_get(user=self.request.user, cohort_id=self.kwargs["cohort_id"])

    @cached_property
    def courses(self):
        return reports.report_courses()

    @cached_property
    def course(self):
        wanted = self.request.GET.get("course")
        return next((c for c in self.courses if str(c.pk) == wanted), self.courses[0] if self.courses else None)

    @cached_property
    def matrix_columns(self):
        return reports.module_columns(course=self.course) if self.course else []

    @cached_property
    def ordering_key(self):
        value = self.request.GET.get("ordering", "name")
        return value if value in reports.ORDERINGS else "name"

    def get_page_title(self):
        return _("Progress of %(cohort)s") % {"cohort": self.cohort.name}

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cohorts_admin:index"), "label": _("Cohorts")},
            {"url": reverse("cohorts_admin:detail", args=[self.cohort.pk]), "label": self.cohort.name},
            {"url": "", "label": _("Progress")},
        ]

    def get_index_url(self):
        return reverse("cohorts_admin:progress", args=[self.cohort.pk])

    def get_index_results_url(self):
        return reverse("cohorts_admin:progress_results", args=[self.cohort.pk])

    def get_queryset(self):
        return reports.progress_memberships(cohort=self.cohort, columns=self.matrix_columns, ordering=self.ordering_key)

    def decorate_paginated_queryset(self, object_list):
        return reports.progress_rows(memberships=list(object_list), columns=self.matrix_columns)

    def sort_url(self, key: str) -> str:
        params = self.request.GET.copy()
        params["ordering"] = ("-" + key) if self.ordering_key == key else key
        params.pop("p", None)
        return self.request.path + "?" + params.urlencode()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            cohort=self.cohort,
            courses=self.courses,
            course=self.course,
            matrix_columns=self.matrix_columns,
            module_count=sum(1 for column in self.matrix_columns if not column.is_final_quiz),
            ordering=self.ordering_key,
            sort_urls={key: self.sort_url(key) for key in ("name", "activity", "complete", "joined")},
        )
        return context

    def as_spreadsheet(self, queryset, spreadsheet_format):
        status_labels = {
            reports.CellStatus.NOT_STARTED: _("Not started"),
            reports.CellStatus.IN_PROGRESS: _("In progress"),
            reports.CellStatus.COMPLETE: _("Complete"),
        }
        headings = [_("Full name"), _("E-mail address"), _("Last activity"), _("Modules complete")]
        for column in self.matrix_columns:
            headings += [column.title, _("%(module)s – best quiz score (%%)") % {"module": column.title}]

        def rows():
            for row in reports.progress_rows_iter(memberships=queryset, columns=self.matrix_columns):
                values = [row.user.full_name, row.user.email, row.last_activity, row.modules_complete]
                for cell in row.cells:
                    values += [status_labels[cell.status], cell.quiz_percent]
                yield values

        return exports.export_response(
            export_format=spreadsheet_format,
            filename=f"{self.cohort.name}-progression",
            headings=headings,
            rows=rows(),
            sheet_title=_("Progress"),
        )

    def get(self, request, *args, **kwargs):
        export_format = _export_format(request)
        if export_format:
            return self.as_spreadsheet(self.get_filtered_queryset(), export_format)
        return super().get(request, *args, **kwargs)


# A learner ----------------------------------------------------------------------------------------


class LearnerDetailView(StaffMixin, ExportButtonsMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "cohorts/admin/learner_detail.html"
    header_icon = "user"

    @cached_property
    def learner(self):
        return selectors.learner_get(user=self.request.user, learner_id=self.kwargs["user_id"])

    def get_page_title(self):
        return self.learner.get_full_name()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cohorts_admin:index"), "label": _("Cohorts")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        export_format = _export_format(request)
        if export_format:
            attempts = reports.learner_attempts(learner=self.learner)
            rows = (
                (
                    attempt.quiz.title,
                    attempt.number,
                    attempt.get_status_display(),
                    attempt.started_at,
                    attempt.submitted_at,
                    attempt.score,
                    attempt.max_score,
                    attempt.percent,
                    _("Waiting for review")
                    if attempt.is_pending_review
                    else (_("Yes") if attempt.is_passed else _("No")),
                )
                for attempt in attempts
            )
            return exports.export_response(
                export_format=export_format,
                filename=f"{self.learner.get_full_name()}-tentatives",
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
                sheet_title=_("Attempts"),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            learner=self.learner,
            attempts=reports.learner_attempts(learner=self.learner),
            cohorts=reports.learner_cohorts(
                learner=self.learner, visible=selectors.cohorts_visible_to(user=self.request.user)
            ),
        )
        return context


# Item analysis ------------------------------------------------------------------------------------


class QuizAnalysisView(StaffMixin, ExportButtonsMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "cohorts/admin/quiz_analysis.html"
    header_icon = "doc-full"
    page_title = gettext_lazy("Quiz item analysis")

    @cached_property
    def quizzes(self):
        return reports.report_quizzes()

    @cached_property
    def cohorts(self):
        return list(selectors.cohorts_visible_to(user=self.request.user).order_by("name"))

    @cached_property
    def quiz(self):
        wanted = self.request.GET.get("quiz")
        return next((quiz for quiz in self.quizzes if str(quiz.pk) == wanted), None)

    @cached_property
    def cohort(self):
        wanted = self.request.GET.get("cohort")
        if not wanted:
            return None
        cohort = next((cohort for cohort in self.cohorts if str(cohort.pk) == wanted), None)
        if cohort is None:
            raise Http404("No such cohort.")
        return cohort

    @cached_property
    def all_attempts(self):
        return self.request.GET.get("attempts") == "all"

    def get_header_more_buttons(self):
        return super().get_header_more_buttons() if self.quiz else []

    def _analysis(self):
        learners = selectors.learners_visible_to(user=self.request.user)
        if self.cohort is not None:
            learners = learners.filter(cohort_memberships__cohort=self.cohort)
        return reports.quiz_analysis_cached(quiz=self.quiz, learners=learners, all_attempts=self.all_attempts)

    def get(self, request, *args, **kwargs):
        export_format = _export_format(request)
        if export_format and self.quiz:
            analysis = self._analysis()
            return exports.export_response(
                export_format=export_format,
                filename=f"{self.quiz.title}-analyse",
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
                rows=(
                    (
                        q.number,
                        q.prompt,
                        q.stats.attempt_count,
                        _round(q.stats.facility, 100),
                        _round(q.stats.standard_deviation, 100 / q.stats.max_mark if q.stats.max_mark else None),
                        _round(q.stats.discrimination_index, 100),
                        _round(q.stats.discriminative_efficiency, 100),
                        _("Yes") if q.stats.is_dubious else "",
                    )
                    for q in analysis.questions
                ),
                sheet_title=_("Item analysis"),
            )
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(quizzes=self.quizzes, cohorts=self.cohorts, selected_cohort=self.cohort, quiz=self.quiz)
        context["all_attempts"] = self.all_attempts
        if self.quiz:
            analysis = self._analysis()
            context["analysis"] = analysis
            context["test_rows"] = _test_rows(analysis.test)
            context["facility_chart"] = charts.bar_chart_svg(
                chart_id="facility",
                title=_("Facility index per question"),
                description=_(
                    "Mean mark as a percentage of the maximum, for each question; the figures are in the table below."
                ),
                bars=[
                    charts.Bar(
                        label=_("Q%(n)s") % {"n": q.number}, value=q.stats.facility, text=_percent(q.stats.facility)
                    )
                    for q in analysis.questions
                ],
            )
            context["efficiency_chart"] = charts.bar_chart_svg(
                chart_id="efficiency",
                title=_("Discriminative efficiency per question"),
                description=_(
                    "Questions under %(threshold)s are flagged and hatched; the figures are in the table below."
                )
                % {"threshold": "15\u00a0%"},
                bars=[
                    charts.Bar(
                        label=_("Q%(n)s") % {"n": q.number},
                        value=q.stats.discriminative_efficiency,
                        text=_percent(q.stats.discriminative_efficiency) or _("n/a"),
                        flagged=q.stats.is_dubious,
                    )
                    for q in analysis.questions
                ],
                threshold=0.15,
                threshold_label="15\u00a0%",
            )
            context["option_charts"] = {
                q.question_id: charts.bar_chart_svg(
                    chart_id=f"options-{q.number}",
                    title=_("Answers chosen for question %(n)s") % {"n": q.number},
                    description=_("Share of the attempts that chose each option; right options are marked ✓."),
                    bars=[
                        charts.Bar(
                            label=("✓ " if option.is_correct else "") + _option_label(option.label),
                            value=option.share,
                            text=f"{option.count} ({_percent(option.share)})",
                        )
                        for option in q.options
                    ],
                )
                for q in analysis.questions
                if q.options
            }
        return context


def _round(value, factor):
    if value is None or factor is None:
        return None
    return round(value * factor, 2)


def _option_label(label: str) -> str:
    return {"true": _("True"), "false": _("False")}.get(label, label)


def _test_rows(test) -> list[tuple[str, str]]:
    def number(value, digits=2):
        return "" if value is None else f"{value:.{digits}f}".replace(".", ",")

    return [
        (_("Attempts included"), str(test.attempt_count)),
        (_("Average grade"), _percent(test.percent(test.mean))),
        (_("Median grade"), _percent(test.percent(test.median))),
        (_("Standard deviation"), _percent(test.percent(test.standard_deviation))),
        (_("Skewness"), number(test.skewness, 4)),
        (_("Kurtosis"), number(test.kurtosis, 4)),
        (_("Coefficient of internal consistency (Cronbach's alpha)"), _percent(test.cronbach_alpha)),
        (_("Error ratio"), _percent(test.error_ratio)),
        (_("Standard error"), _percent(test.percent(test.standard_error))),
    ]


# Review of writing exercises ----------------------------------------------------------------------


class ReviewQueueView(StaffMixin, ReportView):
    page_title = gettext_lazy("Writing exercises to review")
    header_icon = "edit"
    results_template_name = "cohorts/admin/review_queue_results.html"
    index_url_name = "cohorts_admin:reviews"
    index_results_url_name = "cohorts_admin:reviews_results"
    paginate_by = 50

    def get_queryset(self):
        return scope.review_queue_for(user=self.request.user).defer("snapshot", "answers", "results")

    def decorate_paginated_queryset(self, object_list):
        now = timezone.now()
        for attempt in object_list:
            attempt.waiting = reports.waiting_display(since=attempt.submitted_at, now=now)
        return object_list


class ReviewAttemptView(StaffMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "cohorts/admin/review_attempt.html"
    header_icon = "edit"

    @cached_property
    def attempt(self):
        return get_object_or_404(
            scope.attempts_in_scope(user=self.request.user).select_related("quiz", "user"),
            pk=self.kwargs["attempt_id"],
        )

    @cached_property
    def questions(self):
        return reports.writing_questions(attempt=self.attempt)

    def get_page_title(self):
        return _("Review: %(quiz)s") % {"quiz": self.attempt.quiz.title}

    def get_page_subtitle(self):
        return self.attempt.user.get_full_name()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cohorts_admin:reviews"), "label": _("Writing exercises to review")},
            {"url": "", "label": self.get_page_title()},
        ]

    def _forms(self, data=None, question_id=None):
        forms = []
        for question in self.questions:
            review = question["review"]
            initial = (
                {"points": review.points, "feedback": review.feedback, "ask_retry": review.ask_retry}
                if review
                else None
            )
            form = WritingReviewForm(
                data if question["id"] == question_id else None,
                prefix=f"q-{question['id']}",
                initial=initial,
                max_points=question["max_points"],
            )
            forms.append((question, form))
        return forms

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(attempt=self.attempt, learner=self.attempt.user)
        context["question_forms"] = kwargs.get("question_forms") or self._forms()
        return context

    def post(self, request, *args, **kwargs):
        question_id = request.POST.get("question_id", "")
        if question_id not in {question["id"] for question in self.questions}:
            return HttpResponseBadRequest(_("This is not a writing question of this attempt."))
        question_forms = self._forms(request.POST, question_id)
        _question, form = next(pair for pair in question_forms if pair[0]["id"] == question_id)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(question_forms=question_forms), status=400)
        try:
            review = writing_review_record(
                attempt=self.attempt,
                question_id=question_id,
                reviewer=request.user,
                points=form.cleaned_data["points"],
                feedback=form.cleaned_data["feedback"],
                ask_retry=form.cleaned_data["ask_retry"],
                revocation_confirmed=form.cleaned_data["confirm_revocation"],
            )
        except ValueError as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(question_forms=question_forms), status=400)
        except RevocationNotConfirmed as refusal:
            # Nothing was saved: show which certificates this grade would revoke and ask to confirm.
            context = self.get_context_data(question_forms=question_forms)
            context.update(revocation_question_id=question_id, revocation_certificates=refusal.certificates)
            return self.render_to_response(context, status=409)
        review_notification_schedule(review=review)
        messages.success(request, _("Review saved; the learner was notified by e-mail."))
        if self.attempt.status == "pending_review":
            return redirect("cohorts_admin:review", attempt_id=self.attempt.pk)
        return redirect("cohorts_admin:reviews")


# Learners: join a cohort --------------------------------------------------------------------------


@login_required
def join(request, token):
    """GET shows the cohort and a button; POST joins it. An unknown or closed link answers 404."""
    cohort = selectors.cohort_for_token(token=token)
    if cohort is None:
        raise Http404("Unknown or closed invitation link.")
    already = cohort.memberships.filter(user=request.user).exists()
    if request.method == "POST":
        try:
            _membership, created = services.cohort_join(user=request.user, cohort=cohort)
        except CohortError as error:
            messages.error(request, str(error))
            return redirect("/")
        if created:
            messages.success(request, _("You joined the cohort « %(name)s ».") % {"name": cohort.name})
        return redirect(_after_join_url())
    return render(request, "cohorts/join.html", {"cohort": cohort, "already_member": already})


@login_required
def invitation_accept(request, token):
    """A learner's personal invitation: GET shows the cohort and what joining means, POST accepts.

    Only the account with the invited address may accept (403 otherwise, naming no cohort); an unknown
    link answers 404 and an expired one says so.
    """
    invitation = selectors.invitation_for_token(token=token)
    if invitation is None:
        raise Http404("Unknown invitation.")
    if request.method == "POST":
        try:
            services.invitation_accept(user=request.user, invitation=invitation)
        except CohortError as error:
            return render(request, "cohorts/invitation.html", {"error": str(error)}, status=403)
        messages.success(request, _("You joined the cohort « %(name)s ».") % {"name": invitation.cohort.name})
        return redirect(_after_join_url())
    error = services.invitation_refusal(user=request.user, invitation=invitation)
    if error:
        return render(request, "cohorts/invitation.html", {"error": error}, status=403)
    return render(request, "cohorts/invitation.html", {"invitation": invitation, "cohort": invitation.cohort})


def _after_join_url() -> str:
    try:
        return reverse("progress:dashboard")
    except NoReverseMatch:  # the dashboard belongs to another app; fall back to the home page
        return "/"

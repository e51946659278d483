"""Trainers review learners' writing exercises: the shared queue and one attempt."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from crisis import selectors as crisis_selectors
from crisis.services import CrisisError, writing_choice_review
from progress.services import RevocationNotConfirmed
from quizzes.services import writing_review_record

from .. import reports, scope
from ..forms import (
    CrisisWritingReviewForm,
    WritingReviewForm,
)
from ..notifications import crisis_grade_notification_schedule, review_notification_schedule
from .base import StaffReportView, StaffTemplateView


class ReviewQueueView(StaffReportView):
    template_name = "cohorts/admin/review_queue.html"
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

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only:
            learners = scope.learners_in_scope(user=self.request.user)
            now = timezone.now()
            choices = crisis_selectors.writing_choices_to_review(learners=learners)[:100]
            context["crisis_rows"] = [
                {"choice": choice, "waiting": reports.waiting_display(since=choice.chosen_at, now=now)}
                for choice in choices
            ]
        return context


class ReviewAttemptView(StaffTemplateView):
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
        return _("Review: %(quiz)s") % {"quiz": self.attempt.quiz_display_title}

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


class CrisisWritingReviewView(StaffTemplateView):
    """A trainer grades one writing step of a learner's crisis simulation run."""

    template_name = "cohorts/admin/review_crisis_writing.html"
    header_icon = "warning"

    @cached_property
    def review(self):
        learners = scope.learners_in_scope(user=self.request.user)
        review = crisis_selectors.writing_choice_review_get(learners=learners, choice_id=self.kwargs["choice_id"])
        if review is None:
            raise Http404
        return review

    def get_page_title(self):
        return _("Review: %(scenario)s") % {"scenario": self.review.choice.run.scenario_display_title}

    def get_page_subtitle(self):
        return self.review.choice.run.user.get_full_name()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("cohorts_admin:reviews"), "label": _("Writing exercises to review")},
            {"url": "", "label": self.get_page_title()},
        ]

    def _form(self, data=None):
        choice = self.review.choice
        initial = {"points": choice.points, "feedback": choice.feedback}
        return CrisisWritingReviewForm(data, initial=initial, max_points=self.review.max_points)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(review=self.review, learner=self.review.choice.run.user)
        context["form"] = kwargs.get("form") or self._form()
        return context

    def post(self, request, *args, **kwargs):
        form = self._form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            writing_choice_review(
                choice=self.review.choice,
                reviewer=request.user,
                points=form.cleaned_data["points"],
                feedback=form.cleaned_data["feedback"],
            )
        except CrisisError as error:
            form.add_error("points", error.message)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        crisis_grade_notification_schedule(choice=self.review.choice)
        messages.success(request, _("Grade saved; the run's score was updated and the learner was notified by e-mail."))
        return redirect("cohorts_admin:reviews")

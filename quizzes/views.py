"""Attempt actions: start, answer and submit, review. The quiz's start screen is the QuizPage itself."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from wagtail import hooks

from . import rules, selectors, services
from .forms import CHECK_POST_FIELD, AttemptForm, UnknownQuestionError
from .grading import QuestionResult
from .models import QuizPage
from .questions import question_public, question_review_build
from .rendering import attach_post_images, attempt_page_render, checklists_link


def _get_attempt(request, attempt_id):
    """The learner's own attempt at a quiz that still exists (a deleted quiz's attempts stay in their history)."""
    attempt = selectors.attempt_get(user=request.user, attempt_id=attempt_id)
    if attempt is None or attempt.quiz is None:
        raise Http404
    return attempt


@require_POST
@login_required
def attempt_start(request, quiz_id):
    """Start a new attempt (or go back to the one in progress)."""
    quiz = get_object_or_404(QuizPage.objects.live().public(), pk=quiz_id)
    # Starting obeys the access rules other apps set on the quiz page (progress: modules unlocked in order).
    for hook in hooks.get_hooks("lumiere_page_access"):
        response = hook(quiz, request)
        if isinstance(response, HttpResponse):
            return response
    try:
        attempt = services.attempt_start(user=request.user, quiz=quiz)
    except services.QuizError as error:
        messages.error(request, error.message)
        return redirect(quiz.url)
    return redirect("quizzes:attempt", attempt_id=attempt.pk)


@require_http_methods(["GET", "POST"])
@login_required
def attempt(request, attempt_id):
    """The attempt form (only what the learner may see) and its submission, graded on the server."""
    attempt = _get_attempt(request, attempt_id)
    review_url = reverse("quizzes:review", kwargs={"attempt_id": attempt.pk})
    if attempt.is_submitted:
        if request.method == "POST":
            messages.warning(request, _("This attempt was already submitted; here is its result."))
        return redirect(review_url)
    now = timezone.now()
    if rules.attempt_is_overdue(deadline_at=attempt.deadline_at, now=now):
        services.attempt_submit(user=request.user, attempt_id=attempt.pk, answers={}, now=now)
        messages.warning(request, _("The time limit has passed; the attempt was submitted without your answers."))
        return redirect(review_url)
    questions = [question_public(spec) for spec in attempt.snapshot]
    if request.method == "GET":
        return attempt_page_render(request, quiz=attempt.quiz, attempt=attempt, form=AttemptForm(questions=questions))

    try:
        data = request.POST
    except (RequestDataTooBig, TooManyFieldsSent):
        form = AttemptForm(questions=questions)
        form.non_field_errors.append(_("The form sent too much data. Please shorten your answers."))
        return attempt_page_render(request, quiz=attempt.quiz, attempt=attempt, form=form, status=400)
    past_deadline = rules.attempt_is_past_deadline(deadline_at=attempt.deadline_at, now=now)
    # « Check my post »: the same form again with the checker's lists and every answer kept; nothing graded.
    checking = bool(data.get(CHECK_POST_FIELD)) and not past_deadline
    try:
        form = AttemptForm(questions=questions, data=data, allow_incomplete=past_deadline or checking)
    except UnknownQuestionError as error:
        return HttpResponseBadRequest(
            _("The form contains an answer to a question that is not part of this attempt (%(name)s).")
            % {"name": error},
            content_type="text/plain; charset=utf-8",
        )
    if checking:
        return attempt_page_render(request, quiz=attempt.quiz, attempt=attempt, form=form)
    # Once time is up, keep what is valid rather than lose everything to one bad field.
    if not form.is_valid() and not past_deadline:
        return attempt_page_render(request, quiz=attempt.quiz, attempt=attempt, form=form)
    try:
        attempt = services.attempt_submit(user=request.user, attempt_id=attempt.pk, answers=form.answers, now=now)
    except services.AttemptClosedError as error:
        messages.warning(request, error.message)
        return redirect(review_url)
    if attempt.late:
        messages.warning(
            request, _("Your answers arrived after the time limit and were not counted; the attempt is closed.")
        )
    else:
        messages.success(request, _("Your answers have been submitted."))
    return redirect(review_url)


def _review_rows(*, attempt, reveal: bool):
    results = {data["question_id"]: QuestionResult.from_dict(data) for data in attempt.results}
    reviews = selectors.attempt_reviews_get(attempt=attempt)
    rows = []
    for number, spec in enumerate(attempt.snapshot, start=1):
        row = question_review_build(
            spec=spec,
            answer=attempt.answers.get(spec["id"]),
            result=results.get(spec["id"]),
            reveal=reveal,
            number=number,
        )
        row["trainer_review"] = reviews.get(spec["id"])
        rows.append(row)
    attach_post_images(rows)
    checklists_link(rows)
    return rows


@login_required
def review(request, attempt_id):
    """The result of a submitted attempt; right answers, feedback and explanations as the quiz allows."""
    attempt = _get_attempt(request, attempt_id)
    if not attempt.is_submitted:
        return redirect("quizzes:attempt", attempt_id=attempt.pk)
    outcome = selectors.quiz_outcomes_get(user=request.user, quiz_ids=[attempt.quiz_id])[attempt.quiz_id]
    reveal = selectors.attempt_reveal(attempt=attempt, has_passed=outcome.passed)
    return render(
        request,
        "quizzes/attempt_review.html",
        {
            "page": attempt.quiz,
            "attempt": attempt,
            "rows": _review_rows(attempt=attempt, reveal=reveal),
            "reveal": reveal,
            "outcome": outcome,
            "next_step": selectors.result_next_step_get(attempt=attempt, outcome=outcome),
        },
    )

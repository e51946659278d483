"""Quizzes: quiz pages authored in Wagtail, a question bank, and learners' attempts with their snapshot."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.routing import CachedViewRestrictionsMixin

from . import rules
from .blocks import QuestionStreamBlock, QuestionTypesStreamBlock


class FeedbackPolicy(models.TextChoices):
    """When the review shows right answers, feedback and explanations (which questions were wrong: always).

    ``PASS_OR_EXHAUSTED`` is the default for certifying quizzes: revealing the key after any attempt let a
    blank first try give away every right answer for the next one.
    """

    PASS_OR_EXHAUSTED = "pass_or_exhausted", _("Once the learner has passed or has no attempt left")
    AFTER_ATTEMPT = "after_attempt", _("After each attempt")
    AFTER_PASS = "after_pass", _("Once the learner has passed")
    NEVER = "never", _("Never")


class QuestionBankItem(models.Model):
    """One reusable question, chosen in quizzes with the "Question from the bank" block."""

    title = models.CharField(_("title"), max_length=200, help_text=_("For trainers only; learners see the question."))
    topic = models.CharField(_("topic"), max_length=100, blank=True)
    question = StreamField(
        QuestionTypesStreamBlock(min_num=1, max_num=1),
        verbose_name=_("question"),
        help_text=_("Exactly one question."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    panels = [FieldPanel("title"), FieldPanel("topic"), FieldPanel("question")]

    class Meta:
        verbose_name = _("bank question")
        verbose_name_plural = _("question bank")
        ordering = ["topic", "title"]

    def __str__(self):
        return f"{self.topic} – {self.title}" if self.topic else self.title

    @property
    def question_type(self) -> str:
        """The block name (question type) of the stored question, or "" when empty."""
        raw = list(self.question.raw_data)
        return raw[0]["type"] if raw else ""


class QuizPage(CachedViewRestrictionsMixin, Page):
    """A module's quiz or a course's final quiz: settings, questions, and the learner's start screen."""

    intro: models.TextField[str, str] = models.TextField(
        _("introduction"), blank=True, help_text=_("Shown before the quiz starts.")
    )
    pass_mark: models.PositiveSmallIntegerField[int, int] = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MaxValueValidator(100)]
    )
    max_attempts: models.PositiveSmallIntegerField[int | None, int | None] = models.PositiveSmallIntegerField(
        _("attempts allowed"), null=True, blank=True, help_text=_("Leave empty for unlimited attempts.")
    )
    wait_minutes: models.PositiveIntegerField[int, int] = models.PositiveIntegerField(
        _("wait between attempts (minutes)"), default=0, help_text=_("0 lets learners start again at once.")
    )
    shuffle_questions: models.BooleanField[bool, bool] = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_options: models.BooleanField[bool, bool] = models.BooleanField(_("shuffle answers"), default=True)
    draw_count: models.PositiveSmallIntegerField[int | None, int | None] = models.PositiveSmallIntegerField(
        _("questions drawn per attempt"),
        null=True,
        blank=True,
        help_text=_("Draw this many questions at random from the list. Leave empty to ask them all."),
    )
    time_limit_minutes: models.PositiveSmallIntegerField[int | None, int | None] = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Leave empty for no time limit.")
    )
    feedback_policy: models.CharField[str, str] = models.CharField(
        _("show feedback and right answers"),
        max_length=20,
        choices=FeedbackPolicy.choices,
        default=FeedbackPolicy.PASS_OR_EXHAUSTED,
    )
    questions = StreamField(QuestionStreamBlock(), verbose_name=_("questions"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("questions"),
    ]
    settings_panels = Page.settings_panels + [
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("wait_minutes"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("draw_count"),
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_options"),
                FieldPanel("feedback_policy"),
            ],
            heading=_("Quiz settings"),
        )
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["course.ModulePage", "course.CoursePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("quiz")

    @property
    def preview_modes(self):
        return [("", _("Learner view")), ("answer_key", _("Answer key (trainers)"))]

    @property
    def question_count(self) -> int:
        """How many questions an attempt asks (after the random draw)."""
        total = len(self.questions.raw_data)
        return min(total, self.draw_count) if self.draw_count else total

    def get_context(self, request, *args, **kwargs):
        from . import selectors

        context = super().get_context(request, *args, **kwargs)
        context.update(selectors.quiz_start_get(quiz=self, user=request.user))
        return context

    def serve_preview(self, request, mode_name):
        from . import preview

        return preview.quiz_preview(request, quiz=self, mode_name=mode_name)


class AttemptStatus(models.TextChoices):
    """The attempt's stages; the values are ``quizzes.rules``' (the one definition of "submitted")."""

    IN_PROGRESS = rules.IN_PROGRESS, _("In progress")
    GRADED = rules.GRADED, _("Graded")
    PENDING_REVIEW = rules.PENDING_REVIEW, _("Waiting for a trainer's review")


class Attempt(models.Model):
    """One learner's attempt at a quiz, with the questions as shown and the answers as sent.

    The snapshot makes the attempt independent of later edits: grading and review read only it.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts", verbose_name=_("learner")
    )
    # Deleting the quiz page keeps the learner's attempts (their history, reports, personal data): the title stays.
    quiz = models.ForeignKey(
        QuizPage, on_delete=models.SET_NULL, null=True, related_name="attempts", verbose_name=_("quiz")
    )
    quiz_title = models.CharField(_("quiz title"), max_length=255, blank=True)
    number = models.PositiveSmallIntegerField(_("number"))
    status = models.CharField(
        _("status"), max_length=20, choices=AttemptStatus.choices, default=AttemptStatus.IN_PROGRESS
    )
    seed = models.BigIntegerField(_("random seed"), default=0, help_text=_("Drew and shuffled the questions."))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    deadline_at = models.DateTimeField(_("deadline"), null=True, blank=True)
    late = models.BooleanField(_("submitted after the time limit"), default=False)
    snapshot = models.JSONField(_("questions as shown"), default=list)
    answers = models.JSONField(_("answers"), default=dict, blank=True)
    results = models.JSONField(_("results per question"), default=list, blank=True)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=70, validators=[MaxValueValidator(100)])
    score = models.DecimalField(_("score"), max_digits=8, decimal_places=2, default=0)
    max_score = models.DecimalField(_("maximum score"), max_digits=8, decimal_places=2, default=0)
    percent = models.DecimalField(_("percent"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    retry_requested = models.BooleanField(_("new attempt requested by a trainer"), default=False)

    class Meta:
        verbose_name = _("quiz attempt")
        verbose_name_plural = _("quiz attempts")
        ordering = ["quiz", "user", "number"]
        constraints = [
            models.UniqueConstraint(fields=["user", "quiz", "number"], name="quizzes_attempt_number_unique"),
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(status=rules.IN_PROGRESS),
                name="quizzes_attempt_one_in_progress",
            ),
        ]
        indexes = [models.Index(fields=["user", "quiz", "status"], name="quizzes_attempt_user_quiz")]

    def __str__(self):
        return f"{self.quiz_id} #{self.number} ({self.user_id})"

    @property
    def quiz_display_title(self) -> str:
        """The quiz's title, or the one it had when the attempt started if the page was deleted since."""
        return self.quiz.title if self.quiz is not None else self.quiz_title

    @property
    def is_submitted(self) -> bool:
        return rules.attempt_is_submitted(status=self.status)

    @property
    def is_passed(self) -> bool:
        """Final grade at or above the pass mark (the one rule: ``quizzes.rules.attempt_is_passed``)."""
        return rules.attempt_is_passed(status=self.status, passed=self.passed)

    @property
    def is_pending_review(self) -> bool:
        return rules.attempt_is_pending_review(status=self.status)


class WritingReview(models.Model):
    """A trainer's review of one writing question of an attempt (the review screen belongs to cohorts)."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="writing_reviews")
    question_id = models.CharField(_("question"), max_length=64)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewer"),
    )
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2)
    feedback = models.TextField(_("feedback"), blank=True)
    ask_retry = models.BooleanField(_("ask for a new attempt"), default=False)
    reviewed_at = models.DateTimeField(_("reviewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("writing review")
        verbose_name_plural = _("writing reviews")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question_id"], name="quizzes_writing_review_unique"),
            models.CheckConstraint(condition=Q(points__gte=0), name="quizzes_writing_review_points_positive"),
        ]

    def __str__(self):
        return f"{self.attempt_id} {self.question_id}"


class AnsweredQuestion(models.Model):
    """One question of a graded attempt, as the item analysis needs it (quizzes.results, cohorts.reports).

    Written when an attempt is graded (and again when a review regrades it), so the analysis reads a few
    numbers per question instead of decoding every attempt's snapshot: 5 s at 10,000 learners before.
    """

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answered_questions")
    question_id = models.CharField(_("question"), max_length=64)
    points = models.FloatField(_("points"))
    max_points = models.FloatField(_("maximum points"))
    chosen = models.JSONField(
        _("options chosen"), null=True, blank=True, help_text=_("Labels of the options chosen (choice questions).")
    )

    class Meta:
        verbose_name = _("answered question")
        verbose_name_plural = _("answered questions")
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question_id"], name="quizzes_answered_question_unique")
        ]

    def __str__(self):
        return f"{self.attempt_id}/{self.question_id}"

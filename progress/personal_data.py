"""A learner's personal data: the JSON export and the deletion of their account.

On deletion: the account, e-mail addresses, two-factor devices, progress and completions, quiz attempts with their
answers and trainers' reviews, and cohort memberships are deleted (quiz statistics then simply no longer count
the learner: no anonymised copy is kept). Certificates are kept so that whoever received one can still verify it:
they already carry a frozen copy of the learner's name, and only their link to the account is removed
(certificates.Certificate.user is SET_NULL).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from certificates.models import Certificate
from quizzes.models import Attempt, WritingReview
from quizzes.questions import question_public
from studio.models import PostDraft

from .models import CourseCompletion, LessonProgress, ModuleCompletion, PathCompletion


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _number(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def personal_data_export(*, user) -> dict:
    """Everything Lumière stores about the learner, as JSON-serialisable data."""

    return {
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "email": user.email,
            "full_name": user.full_name,
            "role": user.role,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "email_addresses": [
                {"email": address.email, "verified": address.verified, "primary": address.primary}
                for address in EmailAddress.objects.filter(user=user).order_by("pk")
            ],
        },
        "progress": {
            "lessons": [
                {
                    "lesson": record.lesson_display_title,
                    "url": record.lesson.url if record.lesson is not None else None,
                    "started_at": _iso(record.started_at),
                    "completed_at": _iso(record.completed_at),
                }
                for record in LessonProgress.objects.filter(user=user).select_related("lesson").order_by("started_at")
            ],
            "modules_completed": [
                {"module": c.module_title, "completed_at": _iso(c.completed_at)}
                for c in ModuleCompletion.objects.filter(user=user).order_by("completed_at")
            ],
            "courses_completed": [
                {"course": c.course_title, "completed_at": _iso(c.completed_at)}
                for c in CourseCompletion.objects.filter(user=user).order_by("completed_at")
            ],
            "learning_paths_completed": [
                {"learning_path": c.path_title, "completed_at": _iso(c.completed_at)}
                for c in PathCompletion.objects.filter(user=user).order_by("completed_at")
            ],
        },
        "quiz_attempts": _attempts_export(user=user),
        "certificates": [
            _certificate_export(certificate)
            for certificate in Certificate.objects.filter(user=user).order_by("issued_at", "pk")
        ],
        "post_drafts": [
            {
                "lesson": draft.page_title,
                "text": draft.text,
                "alt_text": draft.alt_text,
                "credit": draft.credit,
                "updated_at": _iso(draft.updated_at),
            }
            for draft in PostDraft.objects.filter(user=user).order_by("updated_at", "pk")
        ],
    }


def _attempts_export(*, user) -> list[dict]:
    reviews = _writing_reviews_by_attempt(user=user)
    return [
        {
            "quiz": attempt.quiz_display_title,
            "number": attempt.number,
            "status": attempt.status,
            "started_at": _iso(attempt.started_at),
            "submitted_at": _iso(attempt.submitted_at),
            # Only what the learner saw: the snapshot also holds right answers, feedback and explanations.
            "questions": [question_public(spec) for spec in attempt.snapshot],
            "answers": attempt.answers,
            "results": attempt.results,
            "score": _number(attempt.score),
            "max_score": _number(attempt.max_score),
            "percent": _number(attempt.percent),
            "passed": None if attempt.is_pending_review else attempt.is_passed,
            "writing_reviews": reviews.get(attempt.pk, []),
        }
        for attempt in Attempt.objects.filter(user=user).select_related("quiz").order_by("started_at", "pk")
    ]


def _writing_reviews_by_attempt(*, user) -> dict[int, list[dict]]:
    reviews: dict[int, list[dict]] = {}
    for review in WritingReview.objects.filter(attempt__user=user).order_by("reviewed_at", "pk"):
        reviews.setdefault(review.attempt_id, []).append(
            {
                "question_id": review.question_id,
                "points": _number(review.points),
                "feedback": review.feedback,
                "reviewed_at": _iso(review.reviewed_at),
            }
        )
    return reviews


def _certificate_export(certificate) -> dict:
    return {
        "learner_name": certificate.learner_name,
        "title": certificate.course_title,
        "completed_on": _iso(certificate.completed_on),
        "hours": _number(certificate.hours),
        "issuer": certificate.issuer_name,
        "issued_at": _iso(certificate.issued_at),
        "revoked_at": _iso(certificate.revoked_at),
        "revocation_reason": certificate.revocation_reason,
        "score_summary": certificate.score_summary,
        "verification_url": certificate.verification_url,
    }


@dataclass(frozen=True)
class DeletionSummary:
    """What the deletion removed, and the certificates kept for verification."""

    quiz_attempts_deleted: int
    certificates_kept: int


class AccountDeletionRefused(Exception):
    """The account cannot be deleted from the site (e.g. an administrator's)."""


@transaction.atomic
def account_delete(*, user) -> DeletionSummary:
    """Delete the learner's account and personal data; keep their certificates, unlinked, for verification."""
    if user.is_superuser:
        raise AccountDeletionRefused("administrator")
    # Deleted outright rather than anonymised: answers to writing exercises are personal data.
    _total, deleted = Attempt.objects.filter(user=user).delete()
    certificates_kept = Certificate.objects.filter(user=user).count()
    user.delete()
    return DeletionSummary(
        quiz_attempts_deleted=deleted.get(Attempt._meta.label, 0), certificates_kept=certificates_kept
    )

"""Open Badges evidence from the learner's writing exercises, included only with the learner's consent.

An employer reading the credential then sees real posts the learner wrote. Only answers a trainer
approved count: reviewed with points and without asking for a new attempt, on an attempt that
passed, in a quiz of the certified course (or of the certified path's modules).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from quizzes.models import QuizPage, WritingReview

from .models import Certificate

NBSP = "\u00a0"

if TYPE_CHECKING:
    from accounts.models import User


def _quiz_ids(certificate: Certificate) -> list[int]:

    learning_path = certificate.learning_path  # no query when the certificate is for a course
    if learning_path is not None:
        modules = [item.module for item in learning_path.path_modules.select_related("module")]
    elif certificate.course_id is not None:
        modules = [certificate.course]
    else:
        return []
    condition = Q(pk__in=[])
    for page in modules:
        condition |= Q(path__startswith=page.path, depth__gt=page.depth)
    return list(QuizPage.objects.filter(condition).values_list("pk", flat=True))


def writing_evidence_list(*, certificate: Certificate) -> list[dict]:
    """Trainer-approved writing answers behind the certificate: question, quiz title and the learner's text."""

    if certificate.user_id is None:
        return []
    reviews = (
        WritingReview.objects.filter(
            attempt__user_id=certificate.user_id,
            attempt__quiz_id__in=_quiz_ids(certificate),
            ask_retry=False,
            points__gt=0,
        )
        .select_related("attempt", "attempt__quiz")
        .order_by("attempt__quiz__path", "attempt__number", "question_id")
    )
    items = []
    for review in reviews:
        attempt = review.attempt
        if not attempt.is_passed:
            continue
        spec: dict[str, Any] = next((spec for spec in attempt.snapshot if spec.get("id") == review.question_id), {})
        answer = attempt.answers.get(review.question_id)
        if isinstance(answer, dict):  # a post (quizzes.question_types.post): the post itself is the evidence
            item = _post_evidence(title=attempt.quiz_display_title, spec=spec, answer=answer)
            if item is not None:
                items.append(item)
            continue
        if not isinstance(answer, str) or not answer.strip():
            continue
        items.append(
            {"name": attempt.quiz_display_title, "description": spec.get("prompt", ""), "narrative": answer.strip()}
        )
    return items


def _post_evidence(*, title: str, spec: dict[str, Any], answer: dict[str, Any]) -> dict[str, str] | None:
    """A post approved by a trainer: the post's text, and what it answered (the brief, alt text, credit)."""
    text = answer.get("text")
    if not isinstance(text, str) or not text.strip():
        return None
    narrative = [_("Post written for this brief: %(brief)s") % {"brief": spec.get("brief", "")}]
    for key, label in (("alt_text", _("Alternative text of the image")), ("credit", _("Credit line"))):
        value = answer.get(key)
        if isinstance(value, str) and value.strip():
            narrative.append(f"{label}{NBSP}: {value.strip()}")
    return {
        "name": f"{title} – {spec.get('prompt', '')}".strip(" –"),
        "description": text.strip(),
        "narrative": "\n".join(narrative),
    }


def certificate_evidence_consent_set(*, certificate: Certificate, user: User, consent: bool) -> Certificate:
    """The owner chooses whether their approved writing answers appear in the credential (off by default)."""
    if certificate.user_id is None or certificate.user_id != user.pk:
        raise PermissionError("Only the certificate's owner decides what it shares.")
    with transaction.atomic():
        Certificate.objects.filter(pk=certificate.pk).update(evidence_consent=consent)
    certificate.evidence_consent = consent
    return certificate

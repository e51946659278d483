"""The attempt page as learners and the admin preview both see it."""

from __future__ import annotations

from django.template.response import TemplateResponse
from wagtail.images import get_image_model

from studio.checklist import findings_link

from . import rules
from .forms import CONFIRM_FIELD


def attach_post_images(questions) -> None:
    """Replace best-post image ids with Image objects (one query for the whole page) for the card template."""
    posts = []
    for question in questions:
        for option in question.get("options") or ():
            if isinstance(option.get("post"), dict):
                option["post"] = dict(option["post"])  # never alter the attempt's snapshot
                posts.append(option["post"])
    ids = {post["image"] for post in posts if isinstance(post.get("image"), int)}
    images = get_image_model().objects.in_bulk(ids) if ids else {}
    for post in posts:
        post["image"] = images.get(post.get("image")) if isinstance(post.get("image"), int) else None


def checklists_link(rows) -> None:
    """Link each finding of the rows' post checklists to the lesson that teaches its rule (one query)."""
    findings_link(row["checklist"] for row in rows if row.get("checklist"))


def attempt_page_render(request, *, quiz, attempt, form, status=200, preview=False):
    attach_post_images(form.questions)
    rows = form.rows()
    checklists_link(rows)
    return TemplateResponse(
        request,
        "quizzes/attempt_page.html",
        {
            "page": quiz,
            "attempt": attempt,
            "form": form,
            "rows": rows,
            "error_rows": form.error_rows(),
            "confirm_field": CONFIRM_FIELD,
            "preview": preview,
            "grace_seconds": int(rules.GRACE_PERIOD.total_seconds()),
        },
        status=status,
    )

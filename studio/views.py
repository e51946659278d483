"""The learner's workspace for one post exercise: write, check, see the preview, improve."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from wagtail.models import Site

from . import selectors, services
from .checker import Draft, post_check
from .exercises import Exercise, exercise_get
from .forms import PostDraftForm
from .models import PostDraft


@login_required
def exercise(request: HttpRequest, page_id: int, key: str) -> HttpResponse:
    """GET shows the brief and the learner's draft with its checklist; POST saves a new draft and checks it."""
    found = exercise_get(page_id=page_id, key=key)
    if found is None:
        raise Http404("No such exercise.")
    user = request.user
    charter = selectors.charter_get(Site.find_for_request(request))
    draft = selectors.post_draft_get(user=user, exercise=found)  # type: ignore[arg-type]  # login_required
    status = 200
    if request.method == "POST":
        form = PostDraftForm(request.POST, exercise=found)
        if form.is_valid():
            services.post_draft_save(
                user=user,  # type: ignore[arg-type]  # login_required
                exercise=found,
                text=form.cleaned_data["text"],
                alt_text=form.cleaned_data.get("alt_text", ""),
                credit=form.cleaned_data.get("credit", ""),
            )
            return redirect(request.path + "#checklist")
        status = 400
    else:
        initial = {"text": draft.text, "alt_text": draft.alt_text, "credit": draft.credit} if draft else None
        form = PostDraftForm(initial=initial, exercise=found)
    if "credit" in form.fields and charter.credit_format:
        form.fields["credit"].help_text = charter.credit_format  # the institution's own model of a credit line
    report = None
    if draft is not None:
        report = post_check(
            draft=Draft(text=draft.text, alt_text=draft.alt_text, credit=draft.credit),
            network=found.network,
            charter=charter,
            brief=found.brief,
        )
    lesson_urls = selectors.lesson_urls_get(lessons={f.lesson for f in report.findings}) if report else {}
    context = {
        "exercise": found,
        "form": form,
        "draft": draft,
        "report": report,
        "findings": [(finding, lesson_urls.get(finding.lesson)) for finding in report.findings] if report else [],
        "preview": _preview(found, draft),
    }
    return render(request, "studio/exercise.html", context, status=status)


def _preview(found: Exercise, draft: PostDraft | None) -> dict[str, object] | None:
    """The post as the network's feed would first show it: cut where the feed cuts, image and alt text."""
    if draft is None:
        return None
    cut = found.network.preview_cut
    text = draft.text if not cut or len(draft.text) <= cut else draft.text[:cut].rstrip() + "…"
    return {
        "network": found.network.code,
        "account_name": found.account_name,
        "handle": found.handle,
        "text": text,
        "image": found.image,
        "image_description": found.image_description,
        "image_alt": draft.alt_text,
        "date": None,
        "is_cut": text != draft.text,
    }

"""The learner's workspace for one post exercise: write, check, see the preview, improve."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Site

from core.validation import text_clean

from . import selectors, services
from .checker import Brief, Draft, post_check
from .checklist import (
    ALT_TEXT_MAX_LENGTH,
    CREDIT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    check_rate_exceeded,
    draft_check,
    findings_link,
    network_rules,
)
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


CHECK_FIELDS = {"text": TEXT_MAX_LENGTH, "alt_text": ALT_TEXT_MAX_LENGTH, "credit": CREDIT_MAX_LENGTH}


def _refusal(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


@require_POST
def check(request: HttpRequest) -> JsonResponse:
    """The live check: the same ``post_check`` as on submission, on the fields the page sends, as JSON.

    Nothing is stored. Signed-in learners only, a budget of checks per minute; 4xx with the reason otherwise.
    """
    if not request.user.is_authenticated:
        return _refusal(_("Sign in to check your post."), 403)
    if check_rate_exceeded(user_id=request.user.pk):
        return _refusal(_("Too many checks in a row: wait a minute, or use « Check my post »."), 429)
    network = network_rules(request.POST.get("network", ""))
    if network is None:
        return _refusal(_("Unknown network."), 400)
    values = {}
    for name, max_length in CHECK_FIELDS.items():
        try:
            values[name] = text_clean(request.POST.get(name, ""), max_length=max_length).strip()
        except ValidationError as error:
            return _refusal(error.messages[0], 400)
    brief = Brief(
        has_image=request.POST.get("has_image") == "1",
        shows_artwork=request.POST.get("shows_artwork") == "1",
        requires_tracking=request.POST.get("requires_tracking") == "1",
    )
    checklist = draft_check(**values, network=network, brief=brief)
    findings_link([checklist])
    return JsonResponse(checklist)

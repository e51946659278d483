"""The learner's dashboard, the "mark as done" button, and the personal-data export and deletion."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import ProtectedError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from course.models import LearningPath
from lessons.models import LessonPage

from . import personal_data, selectors, services
from .forms import AccountDeleteForm


@login_required
def dashboard(request):
    """« Mon apprentissage »: reviews awaited, paths, courses in progress, completed modules, activity, certificates."""
    return render(request, "progress/dashboard.html", selectors.dashboard_get(user=request.user))


def locked_response(request, *, page, blocker):
    """403 page telling the learner which module to finish before opening `page`."""
    return render(request, "progress/locked_page.html", {"locked_page": page, "blocker": blocker}, status=403)


@login_required
@require_POST
def lesson_complete(request, lesson_id: int):
    """Mark a lesson as done (idempotent), then back to the button the learner pressed, now offering the next item."""
    lesson = get_object_or_404(LessonPage.objects.live().public(), pk=lesson_id)
    blocker = selectors.page_lock_get(user=request.user, page=lesson)
    if blocker is not None:
        return locked_response(request, page=lesson, blocker=blocker)
    services.lesson_complete(user=request.user, lesson=lesson)
    messages.success(request, _("Lesson marked as done."))
    return redirect(lesson.url + "#lesson-actions")  # where the learner clicked, with the way on


@login_required
@require_POST
def lesson_visit(request, lesson_id: int):
    """Record that the learner opened a lesson (sent by the lesson page's script: reading with GET never writes)."""
    lesson = get_object_or_404(LessonPage.objects.live().public(), pk=lesson_id)
    blocker = selectors.page_lock_get(user=request.user, page=lesson)
    if blocker is not None:
        return locked_response(request, page=lesson, blocker=blocker)
    services.lesson_visit_record(user=request.user, lesson=lesson)
    return HttpResponse(status=204)


@login_required
@require_POST
def path_choose(request, path_id: int):
    """Follow a learning path; modules already complete count at once (its certificate may follow)."""
    path = get_object_or_404(LearningPath, pk=path_id)
    services.path_choose(user=request.user, path=path)
    messages.success(request, _("You now follow the path « %(title)s ».") % {"title": path.title})
    return redirect(reverse("progress:dashboard") + "#path-title")


@login_required
@require_POST
def path_leave(request, path_id: int):
    """Stop following a learning path; a certificate already issued stays valid."""
    path = get_object_or_404(LearningPath, pk=path_id)
    services.path_leave(user=request.user, path=path)
    messages.success(request, _("You no longer follow the path « %(title)s ».") % {"title": path.title})
    return redirect(reverse("progress:dashboard") + "#path-title")


@login_required
def personal_data_download(request):
    """All the learner's data as a JSON file."""
    data = personal_data.personal_data_export(user=request.user)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="lumiere-mes-donnees.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def account_delete(request):
    """Explain what deletion removes and keeps; delete after the password is confirmed."""
    form = AccountDeleteForm(request.POST or None, user=request.user)
    refused = request.user.is_superuser
    if request.method == "POST" and not refused and form.is_valid():
        user = request.user
        try:
            personal_data.account_delete(user=user)
        except ProtectedError:
            form.add_error(None, _("Your account is still referenced by content you manage. Please contact us."))
        else:
            logout(request)
            messages.success(request, _("Your account and your personal data have been deleted."))
            return redirect("/")
    status = 400 if request.method == "POST" else 200
    return render(request, "progress/account_delete.html", {"form": form, "refused": refused}, status=status)

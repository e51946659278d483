"""The learner's say over reminder e-mails: the opt-out link of each e-mail, and a preferences page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt

from . import selectors, services


@csrf_exempt  # mail clients' one-click unsubscribe (RFC 8058) POSTs without a CSRF token; the signed token is the proof
def opt_out(request: HttpRequest, token: str) -> HttpResponse:
    """GET: a page with a button (link checkers that open e-mails must not unsubscribe anyone); POST: opt out."""
    user = services.user_for_opt_out_token(token=token)
    if user is None:
        raise Http404("Invalid opt-out link.")
    if request.method == "POST":
        services.reminder_preference_set(user=user, enabled=False)
        return render(request, "reminders/opt_out.html", {"done": True})
    return render(request, "reminders/opt_out.html", {"done": False})


class ReminderPreferenceForm(forms.Form):
    reminders_enabled = forms.BooleanField(
        label=gettext_lazy("E-mail me a reminder when I have not worked on an unfinished course for a while"),
        required=False,
    )


@login_required
def preferences(request: HttpRequest) -> HttpResponse:
    """The signed-in learner turns reminder e-mails on or off."""
    initial = {"reminders_enabled": selectors.reminders_enabled_for(user=request.user)}  # type: ignore[arg-type]
    form = ReminderPreferenceForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        enabled = form.cleaned_data["reminders_enabled"]
        services.reminder_preference_set(user=request.user, enabled=enabled)  # type: ignore[arg-type]
        messages.success(request, _("Your choice about reminder e-mails has been saved."))
        return redirect("reminders:preferences")
    return render(request, "reminders/preferences.html", {"form": form})

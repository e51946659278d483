"""Names shown to people for the scenario format's fixed keys."""

from django.utils.translation import gettext_lazy as _

CRITERION_LABELS = {
    "speed": _("Speed"),
    "accuracy": _("Accuracy"),
    "tone": _("Tone"),
    "escalation": _("Escalation"),
    "transparency": _("Transparency"),
}
OUTCOME_LABELS = {"good": _("Crisis contained"), "mixed": _("Mixed outcome"), "bad": _("Crisis worsened")}
CARD_LABELS = {
    "post": _("Post"),
    "comment": _("Comment"),
    "dm": _("Direct message"),
    "email": _("E-mail"),
    "call": _("Phone call"),
    "press": _("Press"),
    "internal": _("Internal message"),
}

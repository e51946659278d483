"""Admin wiring for cohorts: the trainer workspace's URLs, the « Cohorts » menu, two reports and « Mes exports »."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_urls
from .panels import TrainerHomePanel
from .selectors import is_cohort_staff


class CohortStaffMenuItem(MenuItem):
    """Shown to trainers and administrators only."""

    def is_shown(self, request):
        return is_cohort_staff(request.user)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("cohorts/", include(admin_urls, namespace="cohorts_admin"))]


@hooks.register("register_admin_menu_item")
def register_cohorts_menu_item():
    return CohortStaffMenuItem(_("Cohorts"), reverse("cohorts_admin:index"), icon_name="group", order=250)


@hooks.register("register_reports_menu_item")
def register_item_analysis_report():
    return CohortStaffMenuItem(
        _("Quiz item analysis"), reverse("cohorts_admin:analysis"), icon_name="doc-full", order=700
    )


@hooks.register("register_reports_menu_item")
def register_crisis_report():
    return CohortStaffMenuItem(
        _("Crisis simulations"), reverse("cohorts_admin:crisis_report"), icon_name="warning", order=705
    )


@hooks.register("register_reports_menu_item")
def register_review_queue_report():
    return CohortStaffMenuItem(
        _("Writing exercises to review"), reverse("cohorts_admin:reviews"), icon_name="edit", order=710
    )


@hooks.register("register_reports_menu_item")
def register_my_exports():
    return CohortStaffMenuItem(_("My exports"), reverse("cohorts_admin:exports"), icon_name="download", order=720)


@hooks.register("construct_homepage_panels")
def add_trainer_panel(request, panels):
    """Trainers land on what needs them: texts to correct, oldest first, and who worked this week."""
    if is_cohort_staff(request.user):
        panels.append(TrainerHomePanel(request.user))

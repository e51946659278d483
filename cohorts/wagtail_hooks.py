"""Admin wiring for cohorts: the trainer workspace's URLs, the « Cohorts » menu and its entries in « Reports »."""

import functools

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


# The trainers' entries in Wagtail's « Reports » menu: label, URL name, icon, order.
REPORT_MENU_ITEMS = (
    (_("Quiz item analysis"), "cohorts_admin:analysis", "doc-full", 700),
    (_("Crisis simulations"), "cohorts_admin:crisis_report", "warning", 705),
    (_("Writing exercises to review"), "cohorts_admin:reviews", "edit", 710),
    (_("My exports"), "cohorts_admin:exports", "download", 720),
)


def _report_menu_item(label, url_name: str, icon_name: str, order: int) -> MenuItem:
    return CohortStaffMenuItem(label, reverse(url_name), icon_name=icon_name, order=order)


for _entry in REPORT_MENU_ITEMS:
    hooks.register("register_reports_menu_item", functools.partial(_report_menu_item, *_entry))


@hooks.register("construct_homepage_panels")
def add_trainer_panel(request, panels):
    """Trainers land on what needs them: texts to correct, oldest first, and who worked this week."""
    if is_cohort_staff(request.user):
        panels.append(TrainerHomePanel(request.user))

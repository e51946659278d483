"""The trainer workspace's entries in Wagtail's « Reports » menu: shown to trainers, hidden from learners."""

import pytest
from django.test import RequestFactory
from wagtail.admin.menu import reports_menu

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _cohort_reports(user) -> list[tuple[str, str, str]]:
    request = RequestFactory().get("/admin/")
    request.user = user
    return [
        (str(item.label), item.url, item.icon_name)
        for item in sorted(reports_menu.menu_items_for_request(request), key=lambda item: item.order)
        if item.url.startswith("/admin/cohorts/")
    ]


def test_trainer_finds_the_cohort_reports_in_the_reports_menu(trainer_a):
    assert _cohort_reports(trainer_a) == [
        ("Analyse des questions des quiz", "/admin/cohorts/item-analysis/", "doc-full"),
        ("Simulations de crise", "/admin/cohorts/crisis/", "warning"),
        ("Exercices de rédaction à corriger", "/admin/cohorts/reviews/", "edit"),
        ("Mes exports", "/admin/cohorts/exports/", "download"),
    ]


def test_learner_finds_no_cohort_report_in_the_reports_menu():
    assert _cohort_reports(UserFactory()) == []

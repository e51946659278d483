"""The trainer's panel on the Wagtail admin home: texts waiting for review, this week's cohort activity and
lessons whose facts are due for a check."""

import datetime
from collections.abc import Mapping
from typing import Any

from django.utils import timezone
from wagtail.admin.ui.components import Component

from lessons.selectors import REVIEW_INTERVAL_MONTHS, lessons_stale_list
from studio.selectors import platform_facts_stale_list

from . import reports, scope, selectors

PANEL_ROWS = 5


class TrainerHomePanel(Component):
    name = "lumiere_trainer"
    template_name = "cohorts/admin/home/trainer_panel.html"
    order = 50  # before Wagtail's own panels

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context: Mapping[str, Any]) -> Mapping[str, Any]:
        now = timezone.now()
        queue = scope.review_queue_for(user=self.user).defer("snapshot", "answers", "results")
        # Any: each attempt gets a « waiting » label below, an attribute for the template only.
        oldest: list[Any] = list(queue.order_by("submitted_at")[:PANEL_ROWS])  # user and quiz come joined
        for attempt in oldest:
            attempt.waiting = reports.waiting_display(since=attempt.submitted_at, now=now)
        stale = lessons_stale_list(today=timezone.localdate(now))
        stale_facts = list(platform_facts_stale_list(today=timezone.localdate(now)))  # nine networks at most
        return {
            "stale_facts": stale_facts,
            "stale_lessons": list(stale[:PANEL_ROWS]),
            "stale_count": stale.count(),
            "review_interval_months": REVIEW_INTERVAL_MONTHS,
            "review_count": queue.count(),
            "oldest_reviews": oldest,
            "cohorts": list(selectors.cohorts_activity(user=self.user, since=now - datetime.timedelta(days=7))),
        }

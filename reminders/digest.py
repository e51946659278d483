"""The weekly list of content past its review interval, gathered from the sources in STALE_CONTENT_SOURCES.

Each source is a function ``(*, today) -> list[StaleItem]`` named by its dotted path in settings, so that another
app (studio's platform facts) plugs in without this module importing it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from lessons.selectors import lessons_stale_list
from studio.selectors import platform_facts_stale_list


@dataclass(frozen=True)
class StaleItem:
    """One piece of content to check again: what it is, its title, when it was last checked, where to edit it."""

    kind: str
    title: str
    reviewed_on: datetime.date | None
    edit_path: str


@dataclass(frozen=True)
class StaleSection:
    """The stale items of one source, under the source's heading."""

    kind: str
    items: list[StaleItem]


def stale_lessons(*, today: datetime.date) -> list[StaleItem]:
    """Live lessons never checked or checked longer ago than their review interval (lessons.selectors)."""
    return [
        StaleItem(
            kind=_("Lessons"),
            title=lesson.title,
            reviewed_on=lesson.reviewed_on,
            edit_path=reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        )
        for lesson in lessons_stale_list(today=today)
    ]


def stale_platform_facts(*, today: datetime.date) -> list[StaleItem]:
    """Networks whose publishing facts were checked longer ago than the review interval (studio.selectors)."""
    return [
        StaleItem(
            kind=_("Platform facts"),
            title=facts.label,
            reviewed_on=facts.checked_on,
            edit_path=reverse("wagtailsnippets_studio_platformfacts:edit", args=[facts.pk]),
        )
        for facts in platform_facts_stale_list(today=today)
    ]


def stale_sections(*, today: datetime.date) -> list[StaleSection]:
    """Every source's stale items, sources with nothing stale left out (an empty list: nothing to send)."""
    sections = []
    for path in settings.STALE_CONTENT_SOURCES:
        source: Callable[..., list[StaleItem]] = import_string(path)
        items = source(today=today)
        if items:
            sections.append(StaleSection(kind=items[0].kind, items=items))
    return sections

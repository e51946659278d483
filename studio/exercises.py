"""Post exercises as lessons define them: a brief, a network, and what the post must carry.

A lesson's ``post_exercise`` block is identified by a key computed from its content, so the rendered
lesson (the same for every learner, hence cacheable) can link to the learner's own workspace for it.
Editing the brief makes a new exercise: drafts written for the old brief stay with the old key.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from wagtail.models import Page

from .checker import Brief
from .networks import NetworkRules
from .selectors import network_rules_get

BLOCK_TYPE = "post_exercise"


@dataclass(frozen=True)
class Exercise:
    """One exercise of a live lesson, ready to check drafts against."""

    page: Page
    key: str
    brief_text: str
    network: NetworkRules
    brief: Brief
    account_name: str
    handle: str
    image: Any  # a Wagtail image or None: shown in the preview
    image_description: str  # the picture described in words, when the exercise has no image file


def exercise_key(value: Mapping[str, Any]) -> str:
    """A short, stable identifier of an exercise block, from what the learner is asked to do."""
    material = "\n".join(
        str(value.get(name, "")) for name in ("network", "brief", "shows_artwork", "requires_tracking")
    )
    return hashlib.sha256(material.encode()).hexdigest()[:16]


def exercise_get(*, page_id: int, key: str) -> Exercise | None:
    """The exercise ``key`` of the live page ``page_id``, or None if there is no such exercise."""
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None:
        return None
    page = page.specific
    for child in getattr(page, "body", None) or ():
        if child.block_type != BLOCK_TYPE or exercise_key(child.value) != key:
            continue
        value = child.value
        network = network_rules_get(value.get("network") or "")
        if network is None:
            return None
        return Exercise(
            page=page,
            key=key,
            brief_text=value.get("brief", ""),
            network=network,
            brief=Brief(
                has_image=bool(value.get("image") or value.get("image_description")),
                shows_artwork=bool(value.get("shows_artwork")),
                requires_tracking=bool(value.get("requires_tracking")),
            ),
            account_name=value.get("account_name", ""),
            handle=value.get("handle", ""),
            image=value.get("image"),
            image_description=value.get("image_description") or "",
        )
    return None

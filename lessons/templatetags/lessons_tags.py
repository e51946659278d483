"""Template filters for lesson blocks."""

import datetime
import re
from typing import TYPE_CHECKING

from django import template
from django.utils.safestring import mark_safe

from lessons.blocks import CALLOUT_LABELS, NETWORK_LABELS, VERDICT_LABELS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

register = template.Library()


# Twitter was renamed X on 24 July 2023: a post dated before then is shown as a Twitter post.
TWITTER_RENAMED_X = datetime.date(2023, 7, 24)


@register.filter
def network_label(value: str, on: datetime.date | str | None = None) -> str:
    """The network's name, as it was called on the post's date ``on`` (a date or YYYY-MM-DD) when given."""
    if isinstance(on, str):
        try:
            on = datetime.date.fromisoformat(on)
        except ValueError:
            on = None
    if value == "x" and isinstance(on, datetime.date) and on < TWITTER_RENAMED_X:
        return "Twitter"
    return NETWORK_LABELS.get(value, value)


@register.filter
def verdict_label(value: str) -> "StrOrPromise":
    return VERDICT_LABELS.get(value, value)


@register.filter
def callout_label(value: str) -> "StrOrPromise":
    return CALLOUT_LABELS.get(value, value)


_YOUTUBE_ID = re.compile(r"(?:youtube\.com/(?:watch\?v=|embed/)|youtu\.be/)([\w-]{11})")
_VIMEO_ID = re.compile(r"vimeo\.com/(?:video/)?(\d+)")


@register.filter
def video_embed_url(url: str) -> str:
    """A privacy-friendly player URL for YouTube or Vimeo, or "" for other sites (then only a link)."""
    if match := _YOUTUBE_ID.search(url or ""):
        return f"https://www.youtube-nocookie.com/embed/{match.group(1)}"
    if match := _VIMEO_ID.search(url or ""):
        return f"https://player.vimeo.com/video/{match.group(1)}?dnt=1"
    return ""


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, or None."""
    return mapping.get(key) if mapping else None


LESSON_BODY_CACHE_SECONDS = 24 * 3600


@register.simple_tag(takes_context=True)
def lesson_body(context, page):
    """The lesson's rendered body, cached per published revision, language and page-tree generation.

    The body is the same for every reader of a published revision (no block shows user data), so it is
    rendered once; links to other pages inside it follow moves and publications through the generation
    (core.page_cache). Previews and pages without a published revision are rendered each time.
    """
    from django.utils.translation import get_language

    from core.page_cache import page_part_get

    request = context.get("request")
    cacheable = page.live and page.live_revision_id and not getattr(request, "is_preview", False)
    if not cacheable:
        return page.body.render_as_block(context=context.flatten())
    html = page_part_get(
        f"lessons:body:{page.pk}:{page.live_revision_id}:{get_language()}",
        lambda: str(page.body.render_as_block(context=context.flatten())),
        timeout=LESSON_BODY_CACHE_SECONDS,
    )
    return mark_safe(html)  # noqa: S308 -- our own blocks' rendering, cached as a plain string

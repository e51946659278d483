"""Estimate how long a lesson takes to read."""

import math
import re
from collections.abc import Iterable, Mapping

from django.utils.html import strip_tags
from wagtail.rich_text import RichText

WORDS_PER_MINUTE = 200  # a careful read of teaching material, slower than leisure reading
_WORD = re.compile(r"\w+(?:[’'-]\w+)*")


def _texts(value) -> Iterable[str]:
    """Every piece of text inside a StreamField value, whatever the block nesting."""
    if value is None or isinstance(value, bool | int | float):
        return
    if isinstance(value, RichText):
        yield strip_tags(value.source)
    elif isinstance(value, str):
        yield strip_tags(value)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _texts(item)
    elif hasattr(value, "value") and hasattr(value, "block_type"):  # a StreamChild
        yield from _texts(value.value)
    elif isinstance(value, Iterable):
        for item in value:
            yield from _texts(item)


def count_words(stream_value) -> int:
    return sum(len(_WORD.findall(text)) for text in _texts(stream_value))


def estimate_reading_minutes(stream_value) -> int:
    """Minutes to read the body at WORDS_PER_MINUTE, rounded up, at least one."""
    return max(1, math.ceil(count_words(stream_value) / WORDS_PER_MINUTE))

"""One validation layer for everything a learner types or a browser sends.

PostgreSQL refuses NUL characters in text and JSONB (a 500 in the middle of a transaction, the attempt
left open), other control characters are never meant by a learner, and Python's ``int()`` accepts
digits such as « ² » or « ٣ » that ``str.isdigit()`` lets through. Every learner-facing form goes through
these functions, which raise ``ValidationError`` with a French message the form shows next to the
field; they never raise anything else, so bad input is a form error and never a 500.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# C0 controls except tab, line feed and carriage return (normalised away), DEL and the C1 controls.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Digits as a learner types them on a keyboard: ASCII only ("²" and "٣" are refused).
ASCII_INTEGER = re.compile(r"[0-9]{1,9}")
# Deepest nesting accepted in JSON sent by a browser (our own forms never exceed 3).
MAX_JSON_DEPTH = 20


def has_control_characters(value: str) -> bool:
    """True when the text holds NUL or another control character other than tab and new lines."""
    return CONTROL_CHARACTERS.search(value) is not None


def text_clean(value: Any, *, max_length: int | None = None) -> str:
    """The text with Windows line endings normalised; refuses non-text, control characters, excess length."""
    if not isinstance(value, str):
        raise ValidationError(_("This answer is not valid."), code="invalid")
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if has_control_characters(value):
        raise ValidationError(
            _("This text contains invisible control characters; please type it again without them."),
            code="control_characters",
        )
    if max_length is not None and len(value) > max_length:
        raise ValidationError(
            _("Write at most %(max)s characters (you wrote %(count)s).") % {"max": max_length, "count": len(value)},
            code="max_length",
        )
    return value


def integer_clean(value: Any, *, minimum: int, maximum: int) -> int:
    """An integer typed in ASCII digits between two bounds (« ² », « 1e9 » or 60,000 digits are refused)."""
    text = value.strip() if isinstance(value, str) else ""
    if not ASCII_INTEGER.fullmatch(text) or not minimum <= int(text) <= maximum:
        raise ValidationError(
            _("Enter a whole number between %(min)s and %(max)s.") % {"min": minimum, "max": maximum},
            code="invalid_integer",
        )
    return int(text)


def json_depth_check(value: Any, *, max_depth: int = MAX_JSON_DEPTH) -> None:
    """Refuse JSON nested deeper than ``max_depth``, iteratively (a recursive walk would overflow first)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = list(item.values())
        elif isinstance(item, list):
            children = item
        else:
            continue
        if depth > max_depth:
            raise ValidationError(_("The data sent is nested too deeply."), code="too_deep")
        stack.extend((child, depth + 1) for child in children)


def reject_control_characters(value: Any) -> None:
    """Django field validator: refuse control characters in a CharField (NUL included)."""
    if isinstance(value, str) and has_control_characters(value):
        raise ValidationError(
            _("This text contains invisible control characters; please type it again without them."),
            code="control_characters",
        )

"""Dates, durations, percentages and numbers as a French reader expects them (and as English reads them).

One set of helpers for templates (core.templatetags.lumiere_format), PDFs and exports, so the same
value never reads « 11,17 h » on one page and « 11 h 10 » on another. Django's localisation falls short
of French typography: « 1 décembre » instead of « 1er décembre », « 52.94 % » or « 66% », and hours
as decimals. Values are stored as they are (hours as decimals, percentages 0–100); only display
changes. Each function takes the language explicitly or uses the active one.
"""

from __future__ import annotations

import datetime
from contextlib import nullcontext
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils import dateformat, timezone, translation

NBSP = "\u00a0"  # no-break space: between a number and its unit (« 11 h 10 », « 45 min »)
NNBSP = "\u202f"  # narrow no-break space: before « % » and between digit groups (« 2 200 »)

Number = int | float | Decimal | str


def is_french(language: str | None = None) -> bool:
    """Whether text in `language` (default: the active language) follows French typography."""
    return (language or translation.get_language() or "").lower().startswith("fr")


def _decimal(value: Number) -> Decimal:
    """The value as a Decimal (floats through their shortest repr, so 0.1 stays 0.1)."""
    if isinstance(value, bool):
        raise TypeError("A boolean is not a number to display.")
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except InvalidOperation as exc:
        raise ValueError(f"Not a number: {value!r}") from exc
    if not number.is_finite():
        raise ValueError(f"Not a finite number: {value!r}")
    return number


def number_display(value: Number, *, max_decimals: int = 2, language: str | None = None) -> str:
    """A number rounded to at most `max_decimals`, without trailing zeros, grouped by thousands.

    French: « 2 200 » (narrow no-break space), « 52,9 »; English: « 2,200 », « 52.9 ».
    """
    if max_decimals < 0:
        raise ValueError("max_decimals cannot be negative.")
    quantum = Decimal(1).scaleb(-max_decimals)
    rounded = _decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # never « -0 »
    sign = "-" if rounded < 0 else ""
    integer, _, fraction = f"{abs(rounded):f}".partition(".")
    fraction = fraction.rstrip("0")
    group, point = (NNBSP, ",") if is_french(language) else (",", ".")
    groups: list[str] = []
    while len(integer) > 3:
        integer, tail = integer[:-3], integer[-3:]
        groups.insert(0, tail)
    grouped = group.join([integer, *groups])
    return sign + grouped + (point + fraction if fraction else "")


def percent_display(value: Number, *, max_decimals: int = 1, language: str | None = None) -> str:
    """A percentage (0–100) for reading: French « 66 % », « 52,9 % »; English « 66% », « 52.9% »."""
    number = number_display(value, max_decimals=max_decimals, language=language)
    return f"{number}{NNBSP}%" if is_french(language) else f"{number}%"


def duration_display(minutes: Number, *, language: str | None = None) -> str:
    """A duration in minutes: « 45 min », « 2 h », « 11 h 10 » (English « 11 h 10 min »).

    Rounded to the nearest whole minute. A French reader writes the minutes after the hours on two
    digits (« 1 h 05 »), never hours as a decimal (« 11,17 h »). Units are symbols, the same in both
    languages; the spaces around them are no-break spaces.
    """
    total = int(_decimal(minutes).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    if total < 0:
        raise ValueError(f"A duration cannot be negative: {minutes!r}")
    hours, rest = divmod(total, 60)
    if hours == 0:
        return f"{rest}{NBSP}min"
    hours_text = number_display(hours, max_decimals=0, language=language) + f"{NBSP}h"
    if rest == 0:
        return hours_text
    return f"{hours_text}{NBSP}{rest:02d}" + ("" if is_french(language) else f"{NBSP}min")


def hours_display(hours: Number, *, language: str | None = None) -> str:
    """A duration stored in decimal hours (11.17) shown in hours and minutes: « 11 h 10 »."""
    return duration_display(_decimal(hours) * 60, language=language)


def date_display(value: datetime.date | datetime.datetime, *, language: str | None = None) -> str:
    """A date in words: French « 1er décembre 2026 », « 14 mars 2026 »; English « December 1, 2026 ».

    Aware datetimes are first converted to the site's time zone, so a certificate issued at 23:30
    in Paris shows that day, not UTC's. The day and the month never part at a line break.
    """
    if isinstance(value, datetime.datetime):
        value = (timezone.localtime(value) if timezone.is_aware(value) else value).date()
    with translation.override(language) if language else nullcontext():
        month = dateformat.format(value, "F")
    if is_french(language):
        day = "1er" if value.day == 1 else str(value.day)
        return f"{day}{NBSP}{month.lower()} {value.year}"
    return f"{month}{NBSP}{value.day}, {value.year}"


def plural_count(value: Number, *, language: str | None = None) -> int:
    """The whole number that picks the singular or plural form for ``value`` (gettext wants an integer).

    French keeps the singular under 2 (« 0,5 point », « 1,5 point »); English uses the plural for any
    fraction (« 0.5 points »). Whole values are themselves.
    """
    number = _decimal(value)
    whole = int(number)
    if number == whole:
        return whole
    if is_french(language):
        return 1 if number < 2 else whole
    return 2

"""Template filters over core.formatting: ``{% load lumiere_format %}`` then ``{{ value|percent }}``.

Filters never fail a page: an empty value (None, "") or one that is not a number or a date renders
as an empty string, as Django's own filters do.
"""

from functools import wraps

from django import template

from core import formatting

register = template.Library()


def _blank_on_bad_value(function):
    @wraps(function)
    def wrapper(value, *args):
        if value is None or value == "":
            return ""
        try:
            return function(value, *args)
        except (TypeError, ValueError, AttributeError):
            return ""

    return wrapper


@register.filter
@_blank_on_bad_value
def long_date(value):
    """« 1er décembre 2026 » / « December 1, 2026 » (dates and datetimes)."""
    return formatting.date_display(value)


@register.filter
@_blank_on_bad_value
def duration(minutes):
    """Minutes as « 45 min », « 2 h », « 11 h 10 »."""
    return formatting.duration_display(minutes)


@register.filter
@_blank_on_bad_value
def hours(value):
    """Decimal hours (11.17) as « 11 h 10 »."""
    return formatting.hours_display(value)


@register.filter
@_blank_on_bad_value
def percent(value, max_decimals=1):
    """A 0–100 percentage as « 66 % », « 52,9 % »; ``|percent:0`` rounds to whole numbers."""
    return formatting.percent_display(value, max_decimals=int(max_decimals))


@register.filter
@_blank_on_bad_value
def number(value, max_decimals=2):
    """A number grouped by thousands: « 2 200 », « 3,5 »."""
    return formatting.number_display(value, max_decimals=int(max_decimals))


@register.filter
def plural_count(value):
    """For ``{% blocktranslate count counter=points|plural_count %}``: a whole number choosing the form."""
    try:
        return formatting.plural_count(value)
    except (TypeError, ValueError, ArithmeticError):
        return 0

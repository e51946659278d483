"""French (and English) display of dates, durations, percentages and numbers: core.formatting and its filters."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation

from core.formatting import (
    date_display,
    duration_display,
    hours_display,
    number_display,
    percent_display,
    plural_count,
)

NBSP, NNBSP = "\u00a0", "\u202f"


def _(text: str) -> str:
    """Write expected values with "_" for a no-break space and "~" for a narrow no-break space."""
    return text.replace("_", NBSP).replace("~", NNBSP)


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [
        (datetime.date(2026, 12, 1), "1er_décembre 2026", "December_1, 2026"),
        (datetime.date(2026, 3, 14), "14_mars 2026", "March_14, 2026"),
        (datetime.date(2027, 2, 11), "11_février 2027", "February_11, 2027"),
        # 23:30 UTC on 30 November is already 1 December in Paris.
        (datetime.datetime(2026, 11, 30, 23, 30, tzinfo=datetime.UTC), "1er_décembre 2026", "December_1, 2026"),
        (datetime.datetime(2026, 8, 1, 0, 5, tzinfo=ZoneInfo("Europe/Paris")), "1er_août 2026", "August_1, 2026"),
    ],
)
def test_date_display(value, fr, en):
    assert date_display(value, language="fr") == _(fr)
    assert date_display(value, language="en") == _(en)


@pytest.mark.parametrize(
    ("minutes", "fr", "en"),
    [
        (0, "0_min", "0_min"),
        (45, "45_min", "45_min"),
        (60, "1_h", "1_h"),
        (65, "1_h_05", "1_h_05_min"),
        (120, "2_h", "2_h"),
        (670, "11_h_10", "11_h_10_min"),
        (Decimal("670.2"), "11_h_10", "11_h_10_min"),
        (59.5, "1_h", "1_h"),  # rounded to the nearest minute
    ],
)
def test_duration_display(minutes, fr, en):
    assert duration_display(minutes, language="fr") == _(fr)
    assert duration_display(minutes, language="en") == _(en)


@pytest.mark.parametrize(
    ("hours", "fr"),
    [(Decimal("11.17"), "11_h_10"), (Decimal("2.00"), "2_h"), (Decimal("0.75"), "45_min"), ("1.5", "1_h_30")],
)
def test_hours_display_never_shows_decimal_hours(hours, fr):
    assert hours_display(hours, language="fr") == _(fr)


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [
        (66, "66~%", "66%"),
        (Decimal("66.00"), "66~%", "66%"),
        (Decimal("52.94"), "52,9~%", "52.9%"),
        (47.36, "47,4~%", "47.4%"),
        (Decimal("99.95"), "100~%", "100%"),
        (0, "0~%", "0%"),
    ],
)
def test_percent_display(value, fr, en):
    assert percent_display(value, language="fr") == _(fr)
    assert percent_display(value, language="en") == _(en)


def test_percent_display_can_round_to_whole_numbers():
    assert percent_display(Decimal("52.94"), max_decimals=0, language="fr") == _("53~%")


@pytest.mark.parametrize(
    ("value", "fr", "en"),
    [
        (2200, "2~200", "2,200"),
        (1234567.891, "1~234~567,89", "1,234,567.89"),
        (Decimal("3.50"), "3,5", "3.5"),
        (999, "999", "999"),
        (-2200, "-2~200", "-2,200"),
        (Decimal("-0.001"), "0", "0"),
    ],
)
def test_number_display(value, fr, en):
    assert number_display(value, language="fr") == _(fr)
    assert number_display(value, language="en") == _(en)


@pytest.mark.parametrize("bad", ["abc", float("nan"), float("inf"), True])
def test_what_is_not_a_number_is_refused(bad):
    with pytest.raises((ValueError, TypeError)):
        number_display(bad)


def test_negative_duration_is_refused():
    with pytest.raises(ValueError):
        duration_display(-5)


def test_helpers_follow_the_active_language():
    with translation.override("fr"):
        assert percent_display(Decimal("52.94")) == _("52,9~%")
    with translation.override("en"):
        assert percent_display(Decimal("52.94")) == "52.9%"


@pytest.mark.parametrize(
    ("template", "context", "fr", "en"),
    [
        ("{{ d|long_date }}", {"d": datetime.date(2026, 12, 1)}, "1er_décembre 2026", "December_1, 2026"),
        ("{{ m|duration }}", {"m": 670}, "11_h_10", "11_h_10_min"),
        ("{{ h|hours }}", {"h": Decimal("11.17")}, "11_h_10", "11_h_10_min"),
        ("{{ p|percent }}", {"p": Decimal("52.94")}, "52,9~%", "52.9%"),
        ("{{ p|percent:0 }}", {"p": Decimal("66.4")}, "66~%", "66%"),
        ("{{ n|number }}", {"n": 2200}, "2~200", "2,200"),
        ("[{{ n|number }}{{ p|percent }}{{ d|long_date }}]", {"n": None, "p": "", "d": None}, "[]", "[]"),
        ("[{{ n|number }}{{ m|duration }}{{ d|long_date }}]", {"n": "abc", "m": -1, "d": "x"}, "[]", "[]"),
    ],
)
def test_template_filters(template, context, fr, en):
    compiled = Template("{% load lumiere_format %}" + template)
    for language, expected in (("fr", fr), ("en", en)):
        with translation.override(language):
            assert compiled.render(Context(context)) == _(expected)


@pytest.mark.parametrize(
    ("value", "language", "count"),
    [
        (Decimal("1.00"), "fr", 1),
        (Decimal("3"), "fr", 3),
        (Decimal("0.5"), "fr", 1),  # « 0,5 point »
        (Decimal("1.5"), "fr", 1),  # « 1,5 point »: the French singular runs up to 2
        (Decimal("2.5"), "fr", 2),
        (Decimal("0.5"), "en", 2),  # « 0.5 points »
        (Decimal("1"), "en", 1),
    ],
)
def test_plural_count_picks_the_form_each_language_uses(value, language, count):
    assert plural_count(value, language=language) == count

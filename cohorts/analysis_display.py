"""How the item-analysis page shows its figures: SVG bar charts and the whole-test summary rows.

The statistics come from ``reports.quiz_analysis``; this module only turns them into text and charts,
so the view stays a permission check plus a render, and the same percentages read the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from core.formatting import number_display, percent_display

from . import charts, statistics
from .reports import QuizAnalysis


def fraction_display(value: float | None) -> str:
    """A fraction (0–1) as a percentage with one decimal, « 52,9 % »; empty when there is no value."""
    return "" if value is None else percent_display(value * 100, max_decimals=1)


def option_label(label: str) -> str:
    """A true/false option's stored value in words; other options keep their own label."""
    return {"true": _("True"), "false": _("False")}.get(label, label)


def test_summary_rows(test: statistics.QuizStatistics) -> list[tuple[str, str]]:
    """Whole-test statistics as (label, value) rows, percentages of the maximum mark."""

    def number(value: float | None, digits: int = 2) -> str:
        return "" if value is None else number_display(round(value, digits), max_decimals=digits)

    return [
        (_("Attempts included"), str(test.attempt_count)),
        (_("Average grade"), fraction_display(test.percent(test.mean))),
        (_("Median grade"), fraction_display(test.percent(test.median))),
        (_("Standard deviation"), fraction_display(test.percent(test.standard_deviation))),
        (_("Skewness"), number(test.skewness, 4)),
        (_("Kurtosis"), number(test.kurtosis, 4)),
        (_("Coefficient of internal consistency (Cronbach's alpha)"), fraction_display(test.cronbach_alpha)),
        (_("Error ratio"), fraction_display(test.error_ratio)),
        (_("Standard error"), fraction_display(test.percent(test.standard_error))),
    ]


@dataclass(frozen=True)
class AnalysisCharts:
    """The page's charts: facility and efficiency per question, and the options chosen per question."""

    facility: SafeString
    efficiency: SafeString
    options: dict[str, SafeString]


def analysis_charts(analysis: QuizAnalysis) -> AnalysisCharts:
    """Every chart of the item-analysis page, with the figures written beside each bar."""
    threshold_label = percent_display(statistics.DUBIOUS_EFFICIENCY * 100)
    facility = charts.bar_chart_svg(
        chart_id="facility",
        title=_("Facility index per question"),
        description=_(
            "Mean mark as a percentage of the maximum, for each question; the figures are in the table below."
        ),
        bars=[
            charts.Bar(
                label=_("Q%(n)s") % {"n": q.number}, value=q.stats.facility, text=fraction_display(q.stats.facility)
            )
            for q in analysis.questions
        ],
    )
    efficiency = charts.bar_chart_svg(
        chart_id="efficiency",
        title=_("Discriminative efficiency per question"),
        description=_("Questions under %(threshold)s are flagged and hatched; the figures are in the table below.")
        % {"threshold": threshold_label},
        bars=[
            charts.Bar(
                label=_("Q%(n)s") % {"n": q.number},
                value=q.stats.discriminative_efficiency,
                text=fraction_display(q.stats.discriminative_efficiency) or _("n/a"),
                flagged=q.stats.is_dubious,
            )
            for q in analysis.questions
        ],
        threshold=statistics.DUBIOUS_EFFICIENCY,
        threshold_label=threshold_label,
    )
    options = {
        q.question_id: charts.bar_chart_svg(
            chart_id=f"options-{q.number}",
            title=_("Answers chosen for question %(n)s") % {"n": q.number},
            description=_("Share of the attempts that chose each option; right options are marked ✓."),
            bars=[
                charts.Bar(
                    label=("✓ " if option.is_correct else "") + option_label(option.label),
                    value=option.share,
                    text=f"{option.count} ({fraction_display(option.share)})",
                )
                for option in q.options
            ],
        )
        for q in analysis.questions
        if q.options
    }
    return AnalysisCharts(facility=facility, efficiency=efficiency, options=options)

"""Quiz item analysis, computed as Moodle's quiz statistics report does. Pure functions, no database access.

References: Moodle's "Quiz statistics calculations" developer documentation and its implementation
(``question/classes/statistics/questions/calculator.php``, ``mod/quiz/report/statistics/classes/calculator.php``).
For each attempt included, a question's *mark* is the points earned on it and its *other marks* are the
attempt's total minus that mark (the rest of the test). With s the number of attempts:

- facility = mean mark ÷ maximum mark;
- item standard deviation = √(Σ(x − x̄)² ÷ (s − 1));
- discrimination index = Cov(x, rest) ÷ √(V(x)·V(rest)) (Pearson correlation with the rest of the test);
- discriminative efficiency = Cov(x, rest) ÷ Cov_max(x, rest), Cov_max pairing both series sorted
  (the largest covariance the same marks could give); a question under 15 % is flagged;
- test: mean, median (mean of the two middle totals when s is even), standard deviation (s − 1),
  skewness and kurtosis from the k-statistics, and the coefficient of internal consistency (Cronbach's
  alpha) = p ÷ (p − 1) · (1 − ΣV(question marks) ÷ V(totals)), with error ratio √(1 − alpha) and
  standard error = error ratio × standard deviation.

Moodle prints these as percentages (×100); the functions return fractions and the views format them.
Statistics that Moodle leaves blank (too few attempts, zero variance) are ``None`` here.
"""

from __future__ import annotations

import math
import statistics as stats
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from quizzes.question_types import question_type_get, question_type_is_choice

DUBIOUS_EFFICIENCY = 0.15  # Moodle flags questions whose discriminative efficiency is under 15 %.


def mean(values: Sequence[float]) -> float | None:
    return stats.fmean(values) if values else None


def median(values: Sequence[float]) -> float | None:
    """The middle value; the mean of the two middle values for an even count."""
    return float(stats.median(values)) if values else None


@dataclass(frozen=True)
class ItemStatistics:
    """Moodle's statistics of one question over the attempts that included it."""

    question_id: str
    attempt_count: int
    max_mark: float
    mean_mark: float | None
    facility: float | None
    standard_deviation: float | None
    discrimination_index: float | None
    discriminative_efficiency: float | None

    @property
    def is_dubious(self) -> bool:
        """Moodle's warning: a discriminative efficiency under 15 % (or a negative one)."""
        return self.discriminative_efficiency is not None and self.discriminative_efficiency < DUBIOUS_EFFICIENCY


@dataclass(frozen=True)
class QuizStatistics:
    """Moodle's statistics of the whole quiz (totals in points; ``max_total`` to express them as %)."""

    attempt_count: int
    max_total: float
    mean: float | None
    median: float | None
    # Blank (None) when there are too few attempts: see _spread_statistics.
    standard_deviation: float | None = None
    skewness: float | None = None
    kurtosis: float | None = None
    cronbach_alpha: float | None = None
    error_ratio: float | None = None
    standard_error: float | None = None

    def percent(self, value: float | None) -> float | None:
        """A total as a fraction of the maximum (Moodle shows the mean, median and SD as % of the maximum)."""
        if value is None or not self.max_total:
            return None
        return value / self.max_total


def _spread_statistics(
    *, totals: Sequence[float], average: float | None, item_variances: Sequence[float | None]
) -> dict[str, float]:
    """The test figures that need several attempts, by QuizStatistics field (Moodle leaves them blank otherwise):
    the SD from two attempts, skewness and Cronbach's alpha from three, kurtosis from four."""
    s = len(totals)
    figures: dict[str, float] = {}
    if s < 2 or average is None:
        return figures
    figures["standard_deviation"] = sd = stats.stdev(totals)
    if s < 3:
        return figures
    # fsum: correctly rounded whatever the order of the attempts (the SQL path reads them grouped).
    m2, m3, m4 = (math.fsum((total - average) ** power for total in totals) / s for power in (2, 3, 4))
    k2 = s * m2 / (s - 1)
    if not k2:
        return figures
    figures["skewness"] = s * s * m3 / ((s - 1) * (s - 2)) / k2**1.5
    if s > 3:
        k4 = s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2) / ((s - 1) * (s - 2) * (s - 3))
        figures["kurtosis"] = k4 / (k2 * k2)
    p = len(item_variances)
    if p > 1:
        figures["cronbach_alpha"] = alpha = p / (p - 1) * (1 - sum(v or 0 for v in item_variances) / k2)
        if alpha <= 1:
            figures["error_ratio"] = math.sqrt(1 - alpha)
            figures["standard_error"] = figures["error_ratio"] * sd
    return figures


def quiz_statistics(
    *, totals: Sequence[float], item_variances: Sequence[float | None], max_total: float
) -> QuizStatistics:
    """Mean, median, SD, skewness, kurtosis and Cronbach's alpha of attempt totals (Moodle's formulas)."""
    average = mean(totals)
    spread = _spread_statistics(totals=totals, average=average, item_variances=item_variances)
    return QuizStatistics(
        attempt_count=len(totals), max_total=float(max_total), mean=average, median=median(totals), **spread
    )


def _exact_sum(weighted: Iterable[tuple[float, int]]) -> float:
    """The sum of each value repeated ``count`` times, without the list: exact, then rounded once."""
    return float(sum((Fraction(value) * count for value, count in weighted), Fraction(0)))


def _counted_mean(counts: Mapping[float, int], n: int) -> float | None:
    """The mean of the values ``counts`` holds (each value → how many times), summed exactly."""
    return _exact_sum(counts.items()) / n if n else None


def _counted_variance(counts: Mapping[float, int], n: int) -> float | None:
    """The sample variance (÷ (n − 1), as Moodle) of the values ``counts`` holds: exact, rounded once."""
    if n < 2:
        return None
    exact_mean = sum((Fraction(value) * count for value, count in counts.items()), Fraction(0)) / n
    squares = sum(((Fraction(value) - exact_mean) ** 2 * count for value, count in counts.items()), Fraction(0))
    return float(squares / (n - 1))


def _counted_covariance(pairs: Iterable[tuple[float, float, int]], n: int) -> float | None:
    """The sample covariance (÷ (n − 1)) of (x, y, count) triples: float means, exact sum of the products."""
    if n < 2:
        return None
    pairs = list(pairs)
    x_bar = _exact_sum((x, count) for x, _y, count in pairs) / n
    y_bar = _exact_sum((y, count) for _x, y, count in pairs) / n
    return _exact_sum(((x - x_bar) * (y - y_bar), count) for x, y, count in pairs) / (n - 1)


def _sorted_pairing(xs: Mapping[float, int], ys: Mapping[float, int]) -> list[tuple[float, float, int]]:
    """The (x, y, count) runs of ``zip(sorted(xs), sorted(ys))`` for two multisets of the same size."""
    runs = []
    x_values, y_values = sorted(xs.items()), sorted(ys.items())
    i = j = 0
    x_left, y_left = (x_values[0][1] if x_values else 0), (y_values[0][1] if y_values else 0)
    while i < len(x_values) and j < len(y_values):
        run = min(x_left, y_left)
        runs.append((x_values[i][0], y_values[j][0], run))
        x_left -= run
        y_left -= run
        if not x_left:
            i += 1
            x_left = x_values[i][1] if i < len(x_values) else 0
        if not y_left:
            j += 1
            y_left = y_values[j][1] if j < len(y_values) else 0
    return runs


def item_statistics_counted(
    *, question_id: str, pairs: Mapping[tuple[float, float], int], max_mark: float
) -> ItemStatistics:
    """Facility, spread, discrimination index and discriminative efficiency of one question, from counts:
    ``pairs[(mark, other marks)]`` is how many attempts got that mark on the question and that rest of their total.

    What the database returns grouped (a few rows per question instead of one per attempt). Sums are exact and
    rounded once, so the figures never depend on the order of the rows.
    """
    count = sum(pairs.values())
    marks: dict[float, int] = defaultdict(int)
    others: dict[float, int] = defaultdict(int)
    for (mark, other), number in pairs.items():
        marks[mark] += number
        others[other] += number
    average = _counted_mean(marks, count)
    mark_variance = _counted_variance(marks, count)
    other_variance = _counted_variance(others, count)
    cov = _counted_covariance(((mark, other, number) for (mark, other), number in pairs.items()), count)
    index = None
    if cov is not None and mark_variance and other_variance:
        index = cov / math.sqrt(mark_variance * other_variance)
    # The largest covariance the same marks could give: both series sorted, paired in order.
    largest = None if cov is None else _counted_covariance(_sorted_pairing(marks, others), count)
    return ItemStatistics(
        question_id=question_id,
        attempt_count=count,
        max_mark=float(max_mark),
        mean_mark=average,
        facility=average / max_mark if average is not None and max_mark else None,
        standard_deviation=None if mark_variance is None else math.sqrt(mark_variance),
        discrimination_index=index,
        discriminative_efficiency=cov / largest if cov is not None and largest else None,
    )


@dataclass(frozen=True)
class ItemAnalysis:
    test: QuizStatistics
    items: list[ItemStatistics]


def item_analysis_counted(
    *,
    pairs: Mapping[str, Mapping[tuple[float, float], int]],
    totals: Mapping[float, int],
    max_marks: Mapping[str, float],
    question_order: Sequence[str] = (),
) -> ItemAnalysis:
    """Statistics of a quiz and of each of its questions, from counts aggregated by the database.

    ``pairs[question_id][(mark, other marks)]`` counts the attempts that included the question with that mark
    and that rest of their total (a question only counts the attempts that drew it); ``totals[total]`` counts the
    attempts with that total, to the cent as grading gives marks, attempts with no mark included (total 0).
    Questions come out in ``question_order``, then any others.
    """
    order = list(dict.fromkeys([*question_order, *pairs]))
    items = [
        item_statistics_counted(
            question_id=question_id,
            pairs=pairs.get(question_id, {}),
            max_mark=float(max_marks.get(question_id, max((m for m, _o in pairs[question_id]), default=0) or 1)),
        )
        for question_id in order
        if question_id in pairs or question_id in max_marks  # a question nobody drew is left out
    ]
    max_total = sum(float(max_marks.get(item.question_id, item.max_mark)) for item in items)
    item_variances = [None if item.standard_deviation is None else item.standard_deviation**2 for item in items]
    # A list as long as the attempts, but only one: quiz_statistics needs the median and the exact deviation.
    expanded = [total for total, number in sorted(totals.items()) for _ in range(number)]
    return ItemAnalysis(
        test=quiz_statistics(totals=expanded, item_variances=item_variances, max_total=max_total), items=items
    )


@dataclass(frozen=True)
class OptionCount:
    label: str
    is_correct: bool
    count: int
    share: float  # of the responses to the question (blank answers included)


def option_frequencies_counted(*, spec: Mapping[str, Any], total: int, counts: Mapping[str, int]) -> list[OptionCount]:
    """How often each option of a choice question was chosen: ``total`` responses (blank ones included),
    ``counts`` per chosen label (``quizzes.AnsweredQuestion.chosen``: options are matched by their label, their keys
    being shuffled per attempt); the options' order and right answers come from ``spec``. Multiple-choice answers
    count each option chosen, so shares may add up to more than 100 %."""
    if not question_type_is_choice(spec.get("type")):
        return []
    labels: dict[str, bool] = {}
    for option in question_type_get(spec.get("type")).report_options(spec):
        labels.setdefault(option.label, option.is_correct)
    return [
        OptionCount(
            label=label,
            is_correct=is_correct,
            count=counts.get(label, 0),
            share=counts.get(label, 0) / total if total else 0.0,
        )
        for label, is_correct in labels.items()
    ]

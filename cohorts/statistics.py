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
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from quizzes.question_types import question_type_get, question_type_is_choice

DUBIOUS_EFFICIENCY = 0.15  # Moodle flags questions whose discriminative efficiency is under 15 %.
MARK_DECIMALS = 2  # grading gives marks to the cent (quizzes.grading.CENT)


def mean(values: Sequence[float]) -> float | None:
    return stats.fmean(values) if values else None


def median(values: Sequence[float]) -> float | None:
    """The middle value; the mean of the two middle values for an even count."""
    return float(stats.median(values)) if values else None


def variance(values: Sequence[float]) -> float | None:
    """Sample variance (divided by s − 1), as Moodle computes it; ``None`` under two values."""
    return stats.variance(values) if len(values) >= 2 else None


def covariance(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """Sample covariance (divided by s − 1); ``None`` under two pairs."""
    if len(xs) != len(ys):
        raise ValueError("Both series need the same length.")
    return stats.covariance(xs, ys) if len(xs) >= 2 else None


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


def _item_statistics_build(
    *,
    question_id: str,
    count: int,
    max_mark: float,
    average: float | None,
    mark_variance: float | None,
    other_variance: float | None,
    cov: float | None,
    cov_max: Callable[[], float | None],
) -> ItemStatistics:
    """The figures of :class:`ItemStatistics` from a question's moments, however they were computed."""
    facility = average / max_mark if average is not None and max_mark else None
    index = None
    if cov is not None and mark_variance and other_variance:
        index = cov / math.sqrt(mark_variance * other_variance)
    efficiency = None
    if cov is not None:
        largest = cov_max()
        if largest:
            efficiency = cov / largest
    return ItemStatistics(
        question_id=question_id,
        attempt_count=count,
        max_mark=float(max_mark),
        mean_mark=average,
        facility=facility,
        standard_deviation=None if mark_variance is None else math.sqrt(mark_variance),
        discrimination_index=index,
        discriminative_efficiency=efficiency,
    )


def item_statistics(
    *, question_id: str, marks: Sequence[float], other_marks: Sequence[float], max_mark: float
) -> ItemStatistics:
    """Facility, spread, discrimination index and discriminative efficiency of one question.

    ``marks[i]`` and ``other_marks[i]`` come from the same attempt: the question's mark and the rest of the total.
    """
    if len(marks) != len(other_marks):
        raise ValueError("marks and other_marks must come in pairs.")
    count = len(marks)
    average = mean(marks)
    mark_variance = variance(marks)
    other_variance = variance(other_marks)
    cov = covariance(marks, other_marks)
    return _item_statistics_build(
        question_id=question_id,
        count=count,
        max_mark=max_mark,
        average=average,
        mark_variance=mark_variance,
        other_variance=other_variance,
        cov=cov,
        cov_max=lambda: covariance(sorted(marks), sorted(other_marks)),
    )


@dataclass(frozen=True)
class QuizStatistics:
    """Moodle's statistics of the whole quiz (totals in points; ``max_total`` to express them as %)."""

    attempt_count: int
    max_total: float
    mean: float | None
    median: float | None
    standard_deviation: float | None
    skewness: float | None
    kurtosis: float | None
    cronbach_alpha: float | None
    error_ratio: float | None
    standard_error: float | None

    def percent(self, value: float | None) -> float | None:
        """A total as a fraction of the maximum (Moodle shows the mean, median and SD as % of the maximum)."""
        if value is None or not self.max_total:
            return None
        return value / self.max_total


def quiz_statistics(
    *, totals: Sequence[float], item_variances: Sequence[float | None], max_total: float
) -> QuizStatistics:
    """Mean, median, SD, skewness, kurtosis and Cronbach's alpha of attempt totals (Moodle's formulas)."""
    s = len(totals)
    average = mean(totals)
    sd = skewness = kurtosis = alpha = error_ratio = standard_error = None
    if s > 1 and average is not None:
        # fsum: correctly rounded whatever the order of the attempts (the SQL path reads them grouped).
        power2 = math.fsum((total - average) ** 2 for total in totals)
        power3 = math.fsum((total - average) ** 3 for total in totals)
        power4 = math.fsum((total - average) ** 4 for total in totals)
        sd = stats.stdev(totals)
        if s > 2:
            m2, m3, m4 = power2 / s, power3 / s, power4 / s
            k2 = s * m2 / (s - 1)
            k3 = s * s * m3 / ((s - 1) * (s - 2))
            if k2:
                skewness = k3 / k2**1.5
                if s > 3:
                    k4 = s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2) / ((s - 1) * (s - 2) * (s - 3))
                    kurtosis = k4 / (k2 * k2)
                p = len(item_variances)
                if p > 1:
                    alpha = p / (p - 1) * (1 - sum(v or 0 for v in item_variances) / k2)
                    if alpha <= 1:
                        error_ratio = math.sqrt(1 - alpha)
                        standard_error = error_ratio * sd
    return QuizStatistics(
        attempt_count=s,
        max_total=float(max_total),
        mean=average,
        median=median(totals),
        standard_deviation=sd,
        skewness=skewness,
        kurtosis=kurtosis,
        cronbach_alpha=alpha,
        error_ratio=error_ratio,
        standard_error=standard_error,
    )


def attempt_total(*, marks: Iterable[float]) -> float:
    """An attempt's total: its marks' sum, to the cent as grading gives marks (``quizzes.grading``).

    Rounded so the total never depends on the order the marks are added in: the database sums them in cents
    (``cohorts.reports.quiz_analysis``) and gets the same float.
    """
    return round(math.fsum(marks), MARK_DECIMALS)


def _exact_sum(weighted: Iterable[tuple[float, int]]) -> float:
    """``math.fsum`` of each value repeated ``count`` times, without the list: exact, then rounded once."""
    return float(sum((Fraction(value) * count for value, count in weighted), Fraction(0)))


def _counted_mean(counts: Mapping[float, int], n: int) -> float | None:
    """``mean`` (``statistics.fmean``: fsum ÷ n) of the values ``counts`` holds."""
    return _exact_sum(counts.items()) / n if n else None


def _counted_variance(counts: Mapping[float, int], n: int) -> float | None:
    """``variance`` (``statistics.variance``: exact, rounded once) of the values ``counts`` holds."""
    if n < 2:
        return None
    exact_mean = sum((Fraction(value) * count for value, count in counts.items()), Fraction(0)) / n
    squares = sum(((Fraction(value) - exact_mean) ** 2 * count for value, count in counts.items()), Fraction(0))
    return float(squares / (n - 1))


def _counted_covariance(pairs: Iterable[tuple[float, float, int]], n: int) -> float | None:
    """``covariance`` (``statistics.covariance``: float means, fsum of the products) of (x, y, count) triples."""
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
    """:func:`item_statistics` from counts: how many attempts got each (mark, other marks) pair.

    What the database returns grouped (a few rows per question instead of one per attempt); the same floats
    as :func:`item_statistics` over the expanded lists (tests/cohorts/test_statistics.py).
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
    return _item_statistics_build(
        question_id=question_id,
        count=count,
        max_mark=max_mark,
        average=average,
        mark_variance=mark_variance,
        other_variance=other_variance,
        cov=cov,
        cov_max=lambda: _counted_covariance(_sorted_pairing(marks, others), count),
    )


@dataclass(frozen=True)
class ItemAnalysis:
    test: QuizStatistics
    items: list[ItemStatistics]


def item_analysis(
    *, attempts: Iterable[Mapping[str, float]], max_marks: Mapping[str, float], question_order: Sequence[str] = ()
) -> ItemAnalysis:
    """Statistics of a quiz from its attempts, each a mapping question id → mark earned.

    An attempt's total is the sum of its marks; a question only counts the attempts that included it
    (quizzes that draw questions at random). Questions come out in ``question_order``, then any others.
    """
    rows = [{str(key): float(value) for key, value in attempt.items()} for attempt in attempts]
    totals = [attempt_total(marks=row.values()) for row in rows]
    order = list(dict.fromkeys([*question_order, *(key for row in rows for key in row)]))
    items = []
    for question_id in order:
        marks, others = [], []
        for row, total in zip(rows, totals, strict=True):
            if question_id in row:
                marks.append(row[question_id])
                others.append(total - row[question_id])
        if not marks and question_id not in max_marks:
            continue
        items.append(
            item_statistics(
                question_id=question_id,
                marks=marks,
                other_marks=others,
                max_mark=float(max_marks.get(question_id, max(marks, default=0) or 1)),
            )
        )
    max_total = sum(float(max_marks.get(item.question_id, item.max_mark)) for item in items)
    item_variances = [None if item.standard_deviation is None else item.standard_deviation**2 for item in items]
    return ItemAnalysis(
        test=quiz_statistics(totals=totals, item_variances=item_variances, max_total=max_total), items=items
    )


def item_analysis_counted(
    *,
    pairs: Mapping[str, Mapping[tuple[float, float], int]],
    totals: Mapping[float, int],
    max_marks: Mapping[str, float],
    question_order: Sequence[str] = (),
) -> ItemAnalysis:
    """:func:`item_analysis` from counts aggregated by the database, with the same figures.

    ``pairs[question_id][(mark, other marks)]`` counts the attempts that included the question with that mark
    and that rest of their total; ``totals[total]`` counts the attempts with that total (see
    :func:`attempt_total`), attempts with no mark included (total 0).
    """
    order = list(dict.fromkeys([*question_order, *pairs]))
    items = [
        item_statistics_counted(
            question_id=question_id,
            pairs=pairs.get(question_id, {}),
            max_mark=float(max_marks.get(question_id, max((m for m, _o in pairs[question_id]), default=0) or 1)),
        )
        for question_id in order
        if question_id in pairs or question_id in max_marks  # as item_analysis: a question nobody got is left out
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


def option_frequencies(*, responses: Iterable[tuple[Mapping[str, Any], Any]]) -> list[OptionCount]:
    """How often each option of a choice question was chosen, over (spec, answer) pairs of one question.

    Options are matched by their text across attempts (keys are random per attempt). Multiple-choice
    answers count each option chosen, so shares may add up to more than 100 %.
    """
    counts: Counter[str] = Counter()
    correct: dict[str, bool] = {}
    order: list[str] = []
    total = 0
    for spec, answer in responses:
        total += 1
        question_type = question_type_get(spec.get("type")) if question_type_is_choice(spec.get("type")) else None
        if question_type is None:
            continue
        chosen = question_type.report_chosen(answer)
        for option in question_type.report_options(spec):
            if option.label not in correct:
                order.append(option.label)
                correct[option.label] = option.is_correct
            if option.key in chosen:
                counts[option.label] += 1
    return [
        OptionCount(
            label=label, is_correct=correct[label], count=counts[label], share=counts[label] / total if total else 0.0
        )
        for label in order
    ]


def option_frequencies_counted(*, spec: Mapping[str, Any], total: int, counts: Mapping[str, int]) -> list[OptionCount]:
    """:func:`option_frequencies` from counts already made (``quizzes.AnsweredQuestion.chosen``): ``total``
    responses, ``counts`` per chosen label; the options' order and right answers come from ``spec``."""
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

"""Moodle's item-analysis formulas written out plainly, one attempt at a time, with Python's statistics module: the
reference that the figures computed from database counts (cohorts.statistics, cohorts.reports) are checked against.

Kept deliberately naive (lists, the standard library's own stdev, covariance and correlation), so that a mistake in
the counted computation cannot hide behind the same mistake here.
"""

import statistics

import pytest


def _question_figures(marks: list[float], rest: list[float], max_mark: float) -> dict:
    spread = len(marks) > 1
    sd = statistics.stdev(marks) if spread else None
    correlated = spread and sd and statistics.stdev(rest)
    covariance = statistics.covariance(marks, rest) if spread else None
    largest = statistics.covariance(sorted(marks), sorted(rest)) if spread else None
    return {
        "count": len(marks),
        "facility": statistics.fmean(marks) / max_mark if marks else None,
        "sd": sd,
        "index": statistics.correlation(marks, rest) if correlated else None,
        "efficiency": covariance / largest if covariance is not None and largest else None,
    }


def textbook_figures(attempts: list[dict[str, float]], max_marks: dict[str, float]) -> dict:
    """Test and question figures of ``attempts`` (each question id → mark); a question only counts the attempts that
    drew it, and every question of ``max_marks`` counts in Cronbach's alpha."""
    totals = [round(sum(row.values()), 2) for row in attempts]
    figures: dict = {}
    variances = []
    for question_id, max_mark in max_marks.items():
        drawn = [(row[question_id], total) for row, total in zip(attempts, totals, strict=True) if question_id in row]
        marks = [mark for mark, _total in drawn]
        question = _question_figures(marks, [total - mark for mark, total in drawn], max_mark)
        variances.append(question["sd"] ** 2 if question["sd"] is not None else 0)
        figures.update({f"{question_id} {name}": value for name, value in question.items()})
    s, p = len(totals), len(max_marks)
    total_variance = statistics.variance(totals) if s > 1 else 0
    alpha = None
    if s > 2 and total_variance and p > 1:
        alpha = p / (p - 1) * (1 - sum(variances) / total_variance)
    figures.update(
        {
            "attempts": s,
            "mean": statistics.fmean(totals),
            "median": statistics.median(totals),
            "sd": statistics.stdev(totals) if s > 1 else None,
            "alpha": alpha,
        }
    )
    return figures


def analysis_figures(test, items) -> dict:
    """The same figures from a computed analysis (``test``: QuizStatistics, ``items``: ItemStatistics)."""
    figures: dict = {}
    for item in items:
        figures.update(
            {
                f"{item.question_id} count": item.attempt_count,
                f"{item.question_id} facility": item.facility,
                f"{item.question_id} sd": item.standard_deviation,
                f"{item.question_id} index": item.discrimination_index,
                f"{item.question_id} efficiency": item.discriminative_efficiency,
            }
        )
    figures.update(
        {
            "attempts": test.attempt_count,
            "mean": test.mean,
            "median": test.median,
            "sd": test.standard_deviation,
            "alpha": test.cronbach_alpha,
        }
    )
    return figures


def assert_same_figures(actual: dict, expected: dict) -> None:
    """The same figures left blank (None), and the same numbers to rounding."""
    assert sorted(key for key, value in actual.items() if value is None) == sorted(
        key for key, value in expected.items() if value is None
    )
    assert {key: value for key, value in actual.items() if value is not None} == pytest.approx(
        {key: value for key, value in expected.items() if value is not None}, rel=1e-9, abs=1e-12
    )

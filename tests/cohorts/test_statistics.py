"""Item analysis figures on a small data set computed by hand with Moodle's formulas."""

import math

import pytest

from cohorts.statistics import item_analysis, median, option_frequencies

# Four first attempts at a quiz of three questions (q3 is worth 2 points); totals 4, 2, 1, 1.
ATTEMPTS = [
    {"q1": 1, "q2": 1, "q3": 2},
    {"q1": 1, "q2": 0, "q3": 1},
    {"q1": 0, "q2": 1, "q3": 0},
    {"q1": 0, "q2": 0, "q3": 1},
]
MAX_MARKS = {"q1": 1, "q2": 1, "q3": 2}


@pytest.fixture
def analysis():
    return item_analysis(attempts=ATTEMPTS, max_marks=MAX_MARKS, question_order=["q1", "q2", "q3"])


def test_quiz_mean_median_and_standard_deviation_match_hand_computation(analysis):
    quiz = analysis.test
    assert quiz.attempt_count == 4
    assert quiz.mean == pytest.approx(2.0)
    assert quiz.median == pytest.approx(1.5)
    assert quiz.standard_deviation == pytest.approx(math.sqrt(2))
    assert quiz.percent(quiz.mean) == pytest.approx(0.5)


def test_quiz_skewness_kurtosis_and_cronbach_alpha_match_hand_computation(analysis):
    quiz = analysis.test
    assert quiz.skewness == pytest.approx(math.sqrt(2))
    assert quiz.kurtosis == pytest.approx(1.5)
    # alpha = 3/2 · (1 − (1/3 + 1/3 + 2/3) / 2) = 0.5
    assert quiz.cronbach_alpha == pytest.approx(0.5)
    assert quiz.error_ratio == pytest.approx(math.sqrt(0.5))
    assert quiz.standard_error == pytest.approx(1.0)


def test_facility_is_mean_mark_over_maximum(analysis):
    facilities = {item.question_id: item.facility for item in analysis.items}
    assert facilities == pytest.approx({"q1": 0.5, "q2": 0.5, "q3": 0.5})


def test_discrimination_index_correlates_mark_with_rest_of_test(analysis):
    indexes = {item.question_id: item.discrimination_index for item in analysis.items}
    assert indexes["q1"] == pytest.approx(1 / math.sqrt(3))
    assert indexes["q2"] == pytest.approx(0.0)
    assert indexes["q3"] == pytest.approx(0.5)


def test_discriminative_efficiency_compares_with_the_sorted_maximum(analysis):
    efficiencies = {item.question_id: item.discriminative_efficiency for item in analysis.items}
    assert efficiencies == pytest.approx({"q1": 1.0, "q2": 0.0, "q3": 0.5})


def test_question_under_fifteen_percent_efficiency_is_flagged(analysis):
    assert [item.question_id for item in analysis.items if item.is_dubious] == ["q2"]


def test_item_standard_deviation_uses_sample_variance(analysis):
    sds = {item.question_id: item.standard_deviation for item in analysis.items}
    assert sds == pytest.approx({"q1": math.sqrt(1 / 3), "q2": math.sqrt(1 / 3), "q3": math.sqrt(2 / 3)})


def test_single_attempt_leaves_spread_statistics_blank():
    analysis = item_analysis(attempts=[{"q1": 1, "q2": 0}], max_marks={"q1": 1, "q2": 1})
    assert analysis.test.mean == 1
    assert analysis.test.standard_deviation is None
    assert analysis.test.cronbach_alpha is None
    assert all(item.discrimination_index is None for item in analysis.items)


def test_question_everyone_got_right_has_no_discrimination_index():
    analysis = item_analysis(
        attempts=[{"q1": 1, "q2": 0}, {"q1": 1, "q2": 1}, {"q1": 1, "q2": 1}], max_marks={"q1": 1, "q2": 1}
    )
    q1 = analysis.items[0]
    assert q1.facility == 1
    assert q1.discrimination_index is None
    assert q1.discriminative_efficiency is None


def test_median_of_odd_and_even_counts():
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 3, 2]) == 2.5
    assert median([]) is None


def test_option_frequencies_match_options_by_text_across_shuffled_keys():
    spec_a = {
        "type": "single",
        "options": [{"key": "a1", "text": "Oui", "correct": True}, {"key": "a2", "text": "Non", "correct": False}],
    }
    spec_b = {
        "type": "single",
        "options": [{"key": "b2", "text": "Non", "correct": False}, {"key": "b1", "text": "Oui", "correct": True}],
    }
    counts = option_frequencies(responses=[(spec_a, "a1"), (spec_b, "b1"), (spec_b, "b2"), (spec_a, None)])
    assert [(c.label, c.is_correct, c.count) for c in counts] == [("Oui", True, 2), ("Non", False, 1)]
    assert counts[0].share == pytest.approx(0.5)


def test_option_frequencies_of_true_false_questions():
    spec = {"type": "true_false", "answer": False}
    counts = option_frequencies(responses=[(spec, "false"), (spec, "false"), (spec, "true")])
    assert [(c.label, c.is_correct, c.count) for c in counts] == [("true", False, 1), ("false", True, 2)]


def _counted(attempts):
    """What the database hands item_analysis_counted: the (mark, rest) pairs and totals, counted."""
    from collections import Counter

    from cohorts.statistics import attempt_total

    pairs: dict[str, Counter] = {}
    totals: Counter = Counter()
    for row in attempts:
        total = attempt_total(marks=[float(value) for value in row.values()])
        totals[total] += 1
        for question_id, mark in row.items():
            pairs.setdefault(question_id, Counter())[(float(mark), total - float(mark))] += 1
    return pairs, totals


@pytest.mark.parametrize("seed", range(12))
def test_counted_analysis_gives_exactly_the_figures_of_the_lists(seed):
    """Grouped counts (the SQL path) and per-attempt lists give the same floats, to the last bit."""
    import random

    from cohorts.statistics import item_analysis_counted

    rng = random.Random(seed)
    maxima = {f"q{n}": rng.choice([1, 1, 2, 3]) for n in range(rng.randint(1, 9))}
    attempts = []
    for _ in range(rng.randint(1, 300)):
        drawn = [key for key in maxima if rng.random() < 0.8]  # quizzes that draw questions at random
        attempts.append({key: round(rng.randint(0, 100 * maxima[key]) / 100, 2) for key in drawn})
    order = sorted(maxima, reverse=True)

    expected = item_analysis(attempts=attempts, max_marks=maxima, question_order=order)
    pairs, totals = _counted(attempts)
    counted = item_analysis_counted(pairs=pairs, totals=totals, max_marks=maxima, question_order=order)

    assert counted.test == expected.test
    assert counted.items == expected.items


def test_counted_analysis_matches_the_hand_computation(analysis):
    from cohorts.statistics import item_analysis_counted

    pairs, totals = _counted(ATTEMPTS)
    counted = item_analysis_counted(pairs=pairs, totals=totals, max_marks=MAX_MARKS, question_order=["q1", "q2", "q3"])

    assert counted == analysis
    assert counted.test.cronbach_alpha == analysis.test.cronbach_alpha

"""Item analysis figures on a small data set computed by hand with Moodle's formulas, and on random ones against the
same formulas written out with Python's statistics module (tests/cohorts/textbook.py)."""

import math
import random
from collections import Counter

import pytest

from cohorts.statistics import item_analysis_counted, median, option_frequencies_counted
from quizzes.results import chosen_labels

from .textbook import analysis_figures, assert_same_figures, textbook_figures

# Four first attempts at a quiz of three questions (q3 is worth 2 points); totals 4, 2, 1, 1.
ATTEMPTS = [
    {"q1": 1, "q2": 1, "q3": 2},
    {"q1": 1, "q2": 0, "q3": 1},
    {"q1": 0, "q2": 1, "q3": 0},
    {"q1": 0, "q2": 0, "q3": 1},
]
MAX_MARKS = {"q1": 1, "q2": 1, "q3": 2}


def analyse(attempts, max_marks, question_order=()):
    """Count the attempts as the database does (cohorts.reports): each question's (mark, rest of the total) pairs and
    the totals, summed in cents; then analyse the counts."""
    pairs: dict[str, Counter] = {}
    totals: Counter = Counter()
    for row in attempts:
        total = sum(round(mark * 100) for mark in row.values()) / 100
        totals[total] += 1
        for question_id, mark in row.items():
            pairs.setdefault(question_id, Counter())[(float(mark), total - mark)] += 1
    return item_analysis_counted(pairs=pairs, totals=totals, max_marks=max_marks, question_order=question_order)


@pytest.fixture
def analysis():
    return analyse(ATTEMPTS, MAX_MARKS, question_order=["q1", "q2", "q3"])


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
    analysis = analyse([{"q1": 1, "q2": 0}], {"q1": 1, "q2": 1})
    assert analysis.test.mean == 1
    assert analysis.test.standard_deviation is None
    assert analysis.test.cronbach_alpha is None
    assert all(item.discrimination_index is None for item in analysis.items)


def test_question_everyone_got_right_has_no_discrimination_index():
    analysis = analyse([{"q1": 1, "q2": 0}, {"q1": 1, "q2": 1}, {"q1": 1, "q2": 1}], {"q1": 1, "q2": 1})
    q1 = analysis.items[0]
    assert q1.facility == 1
    assert q1.discrimination_index is None
    assert q1.discriminative_efficiency is None


def test_median_of_odd_and_even_counts():
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 3, 2]) == 2.5
    assert median([]) is None


SPEC_A = {
    "type": "single",
    "options": [{"key": "a1", "text": "Oui", "correct": True}, {"key": "a2", "text": "Non", "correct": False}],
}
SPEC_B = {
    "type": "single",
    "options": [{"key": "b2", "text": "Non", "correct": False}, {"key": "b1", "text": "Oui", "correct": True}],
}


def test_options_chosen_are_stored_by_their_text_whatever_their_shuffled_keys():
    assert chosen_labels(spec=SPEC_A, answer="a1") == chosen_labels(spec=SPEC_B, answer="b1") == ["Oui"]
    assert chosen_labels(spec=SPEC_B, answer="b2") == ["Non"]
    assert chosen_labels(spec=SPEC_A, answer=None) == []


def test_option_frequencies_share_each_option_over_every_response_blank_ones_included():
    counts = option_frequencies_counted(spec=SPEC_A, total=4, counts={"Oui": 2, "Non": 1})
    assert [(c.label, c.is_correct, c.count) for c in counts] == [("Oui", True, 2), ("Non", False, 1)]
    assert [c.share for c in counts] == [0.5, 0.25]


def test_option_frequencies_of_true_false_questions():
    spec = {"type": "true_false", "answer": False}
    assert chosen_labels(spec=spec, answer="false") == ["false"]
    counts = option_frequencies_counted(spec=spec, total=3, counts={"false": 2, "true": 1})
    assert [(c.label, c.is_correct, c.count) for c in counts] == [("true", False, 1), ("false", True, 2)]


def test_a_question_that_is_not_a_choice_has_no_option_frequencies():
    assert option_frequencies_counted(spec={"type": "short_answer"}, total=3, counts={}) == []


@pytest.mark.parametrize("seed", range(12))
def test_random_quizzes_give_the_textbook_figures(seed):
    """Counted by (mark, rest) and by total, the figures are the per-attempt formulas', drawn questions included."""
    rng = random.Random(seed)
    maxima = {f"q{n}": rng.choice([1, 1, 2, 3]) for n in range(rng.randint(1, 9))}
    attempts = []
    for _ in range(rng.randint(1, 300)):
        drawn = [key for key in maxima if rng.random() < 0.8]  # quizzes that draw questions at random
        attempts.append({key: rng.randint(0, 100 * maxima[key]) / 100 for key in drawn})

    analysis = analyse(attempts, maxima, question_order=sorted(maxima, reverse=True))

    assert [item.question_id for item in analysis.items] == sorted(maxima, reverse=True)
    assert_same_figures(analysis_figures(analysis.test, analysis.items), textbook_figures(attempts, maxima))

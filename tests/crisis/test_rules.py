"""Scenario graph validation and scoring (crisis.rules, no database)."""

import pytest
from django.utils import translation

from crisis import rules
from crisis.rules import Move

from .helpers import definition, step

NETWORKS = ("instagram", "facebook", "x")


def validate(data):
    with translation.override("en"):
        return rules.scenario_validate(data, networks=NETWORKS)


def test_the_fixture_scenario_is_valid():
    assert validate(definition()) == []


def _unknown_next(d):
    step(d, "s1")["choices"][0]["next"] = "nowhere"


def _one_choice(d):
    step(d, "s1")["choices"] = step(d, "s1")["choices"][:1]


def _five_choices(d):
    first = step(d, "s1")["choices"][1]
    step(d, "s1")["choices"] += [dict(first, key=k) for k in "cde"]


def _two_recommended(d):
    step(d, "s1")["choices"][1]["recommended"] = True


def _none_recommended(d):
    step(d, "s1")["choices"][0]["recommended"] = False


def _unknown_criterion(d):
    d["criteria"].append("charm")


def _score_outside_criteria(d):
    step(d, "s1")["choices"][0]["scores"]["accuracy"] = 1


def _missing_start(d):
    d["start"] = "s9"


def _cycle(d):
    step(d, "s3")["choices"][1]["next"] = "s1"
    step(d, "fin-mal")["ending"] = True  # still an ending, but now unreachable too


def _dead_end(d):
    step(d, "s2")["next"] = None


def _unreachable(d):
    d["steps"].append({"key": "orphan", "ending": True, "outcome": "mixed", "title": "?", "text": "?"})


def _duplicate_key(d):
    d["steps"].append({"key": "s1", "ending": True, "outcome": "good"})


def _no_ending(d):
    d["steps"] = [s for s in d["steps"] if not s.get("ending")]


def _bad_outcome(d):
    step(d, "fin-mal")["outcome"] = "terrible"


def _bad_network(d):
    step(d, "s2")["network"] = "myspace"


def _bad_card_kind(d):
    step(d, "s1")["cards"][0]["kind"] = "fax"


def _no_cards(d):
    step(d, "s3")["cards"] = []


def _bad_pass_mark(d):
    d["pass_mark"] = 0


def _negative_limit(d):
    step(d, "s1")["time_limit"] = -5


def _non_integer_score(d):
    step(d, "s1")["choices"][0]["scores"]["speed"] = "beaucoup"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (_unknown_next, "Step “s1”, choice “a”: it leads to “nowhere”, which is not a step."),
        (_one_choice, "Step “s1”: a choice step needs 2 to 4 choices (it has 1)."),
        (_five_choices, "Step “s1”: a choice step needs 2 to 4 choices (it has 5)."),
        (_two_recommended, "Step “s1”: exactly one choice must be recommended (2 are)."),
        (_none_recommended, "Step “s1”: exactly one choice must be recommended (0 are)."),
        (_unknown_criterion, "Unknown criterion “charm” (allowed: speed, accuracy, tone, escalation, transparency)."),
        (_score_outside_criteria, "Step “s1”, choice “a”: the criterion “accuracy” is not one of the scenario’s."),
        (_missing_start, "The start “s9” is not a step."),
        (_cycle, "Step “s3”: a choice leads back to an earlier step, so this path never ends."),
        (_dead_end, "Step “s2”: it leads to “”, which is not a step."),
        (_unreachable, "Step “orphan”: no path from the start leads to it."),
        (_duplicate_key, "The step key “s1” is used twice."),
        (_no_ending, "The scenario has no ending step."),
        (_bad_outcome, "Step “fin-mal”: the outcome must be good, mixed or bad (not “terrible”)."),
        (_bad_network, "Step “s2”: the network “myspace” is not one of instagram, facebook, x."),
        (
            _bad_card_kind,
            "Step “s1”: card 1 has an unknown kind “fax” (allowed: post, comment, dm, email, call, press, internal).",
        ),
        (_no_cards, "Step “s3”: it needs at least one card (what arrives)."),
        (_bad_pass_mark, "The pass mark must be a percentage between 1 and 100."),
        (_negative_limit, "Step “s1”: the time limit must be a whole number of seconds, 0 or more."),
        (_non_integer_score, "Step “s1”, choice “a”: the points for “speed” must be a whole number."),
    ],
)
def test_each_graph_error_is_reported(change, expected):
    data = definition()
    change(data)

    assert expected in validate(data)


def test_a_non_mapping_is_refused():
    assert validate(["s1"]) == ["The scenario must be a mapping of fields (start, criteria, steps…)."]


def test_validation_errors_are_in_french_by_default():
    data = definition()
    _missing_start(data)

    with translation.override("fr"):
        errors = rules.scenario_validate(data, networks=NETWORKS)

    assert "Le départ «\u00a0s9\u00a0» n’est pas une étape." in errors


def test_recommended_path_follows_recommended_choices_and_writing_steps():
    assert rules.recommended_path(definition()) == ["s1", "s2", "fin-bien"]


@pytest.mark.parametrize(
    ("moves", "ending", "per_criterion", "percent", "passed", "outcome"),
    [
        # best path: s1/a (speed 2, escalation 2) + writing (tone 3) = 7
        ([Move("s1", "a"), Move("s2")], "fin-bien", {"speed": 2, "tone": 3, "escalation": 2}, 100, True, "good"),
        (
            [Move("s1", "a"), Move("s2", points=0)],
            "fin-bien",
            {"speed": 2, "tone": 0, "escalation": 2},
            57,
            False,
            "good",
        ),
        ([Move("s1", "b"), Move("s3", "a")], "fin-bien", {"speed": -2, "tone": 0, "escalation": 1}, 0, False, "good"),
        ([Move("s1", "b"), Move("s3", "b")], "fin-mal", {"speed": -2, "tone": -2, "escalation": -1}, 0, False, "bad"),
        # a late choice keeps its other points but earns no positive speed point
        (
            [Move("s1", "a", timed_out=True), Move("s2")],
            "fin-bien",
            {"speed": 0, "tone": 3, "escalation": 2},
            71,
            True,
            "good",
        ),
    ],
)
def test_run_score(moves, ending, per_criterion, percent, passed, outcome):
    score = rules.run_score(scenario=definition(), moves=moves, ending_key=ending)

    assert score.per_criterion == per_criterion
    assert (score.percent, score.passed, score.outcome) == (percent, passed, outcome)
    assert score.max_total == 7


def test_max_per_criterion_is_the_best_path_for_each_criterion():
    score = rules.run_score(scenario=definition(), moves=[])

    assert score.max_per_criterion == {"speed": 2, "tone": 3, "escalation": 2}


def test_the_best_total_is_the_best_single_path_not_the_sum_of_best_criteria():
    data = definition()
    step(data, "s1")["choices"][1]["scores"] = {"escalation": 9}  # b is best on escalation, a on speed

    score = rules.run_score(scenario=data, moves=[Move("s1", "b"), Move("s3", "a")], ending_key="fin-bien")

    assert score.max_per_criterion["escalation"] == 10
    assert score.max_total == 10
    assert score.percent == 100


@pytest.mark.parametrize(("own", "default", "expected"), [(120, 0, 120), (None, 30, 30), (None, None, 0), (0, 30, 0)])
def test_step_time_limit(own, default, expected):
    assert rules.step_time_limit({"step_time_limit": default}, {"time_limit": own}) == expected


@pytest.mark.parametrize(("limit", "elapsed", "late"), [(0, 9999, False), (120, 120, False), (120, 120.5, True)])
def test_move_is_late(limit, elapsed, late):
    assert rules.move_is_late(limit_seconds=limit, elapsed_seconds=elapsed) is late

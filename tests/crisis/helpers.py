"""The fixture scenario of the crisis tests."""

import copy
from pathlib import Path

import yaml

FIXTURE = Path(__file__).parent / "fixtures" / "scenario-essai.yaml"
_DATA = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


def scenario_data() -> dict:
    """A fresh copy of the fixture scenario (tests may change it)."""
    return copy.deepcopy(_DATA)


def definition() -> dict:
    """The fixture scenario without the fields the page holds elsewhere (slug, title)."""
    data = scenario_data()
    data.pop("slug")
    data.pop("title")
    return data


def step(data: dict, key: str) -> dict:
    return next(s for s in data["steps"] if s["key"] == key)


def make_scenario(module, *, slug="crise-essai", title="Un commentaire inquiétant", data=None):
    """A published scenario page (the fixture's graph unless ``data``) under ``module``."""
    from crisis.models import CrisisScenarioPage

    page = CrisisScenarioPage(title=title, slug=slug, definition=data if data is not None else definition())
    module.add_child(instance=page)
    page.save_revision().publish()
    return page


def play(run, *moves, now=None):
    """Make each (step, choice-or-text) move in turn through the service."""
    from crisis import rules
    from crisis.services import choice_make

    for step_key, answer in moves:
        step_data = rules.steps_by_key(run.snapshot)[step_key]
        if rules.step_kind(step_data) == rules.WRITING:
            choice_make(run=run, step_key=step_key, text=answer, now=now)
        else:
            choice_make(run=run, step_key=step_key, choice_key=answer, now=now)
    run.refresh_from_db()
    return run

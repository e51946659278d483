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

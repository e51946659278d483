"""The SVG graph shown in the editor (crisis.graph, no database)."""

import re
import xml.etree.ElementTree as ET

from crisis.graph import scenario_svg

from .helpers import definition, step


def test_the_graph_draws_every_step_and_choice_as_valid_svg():
    svg = scenario_svg(definition())

    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert re.findall(r'data-step="([^"]+)"', svg) == ["s1", "s2", "s3", "fin-bien", "fin-mal"]
    assert len(re.findall(r"<line ", svg)) == 5  # s1: 2 choices, s2: 1, s3: 2


def test_the_recommended_path_is_highlighted():
    svg = scenario_svg(definition())

    recommended = re.findall(r'data-from="([^"]+)" data-to="([^"]+)" data-recommended="true"', svg)
    assert recommended == [("s1", "s2"), ("s2", "fin-bien")]


def test_steps_are_laid_out_in_columns_by_distance_from_the_start():
    svg = scenario_svg(definition())

    x = {key: int(pos) for key, pos in re.findall(r'<g data-step="([^"]+)"><rect x="(\d+)"', svg)}
    assert x["s1"] < x["s2"] == x["s3"] < x["fin-bien"] == x["fin-mal"]


def test_text_is_escaped_and_broken_links_are_skipped():
    data = definition()
    step(data, "s1")["title"] = "<script>alert(1)</script>"
    step(data, "s1")["choices"][1]["next"] = "nowhere"

    svg = scenario_svg(data)

    assert "<script>" not in svg
    ET.fromstring(svg)
    assert 'data-to="nowhere"' not in svg


def test_nothing_is_drawn_without_steps():
    assert scenario_svg({}) == ""
    assert scenario_svg(None) == ""

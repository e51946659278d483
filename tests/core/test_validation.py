"""The shared validation functions for learner input."""

import pytest
from django.core.exceptions import ValidationError

from core.validation import has_control_characters, integer_clean, json_depth_check, text_clean


@pytest.mark.parametrize("text", ["a\x00b", "\x07", "\x1b[31m", "\x7f", "\x85"])
def test_control_characters_are_detected(text):
    assert has_control_characters(text)


@pytest.mark.parametrize("text", ["Bonjour\n\tle musée", "مرحبا \u202eRTL", "Œuvre « phare »"])
def test_ordinary_text_has_no_control_characters(text):
    assert not has_control_characters(text)


def test_text_clean_normalises_line_endings():
    assert text_clean("un\r\ndeux\rtrois", max_length=20) == "un\ndeux\ntrois"


def test_text_clean_refuses_text_longer_than_the_limit():
    with pytest.raises(ValidationError):
        text_clean("x" * 11, max_length=10)


def test_text_clean_refuses_nul():
    with pytest.raises(ValidationError):
        text_clean("a\x00", max_length=10)


@pytest.mark.parametrize("value", ["²", "٣", "1e3", "-1", "", "9" * 60_001, " 0 ", "5"])
def test_integer_clean_refuses_anything_but_ascii_digits_in_range(value):
    with pytest.raises(ValidationError):
        integer_clean(value, minimum=1, maximum=4)


def test_integer_clean_accepts_a_position_in_range():
    assert integer_clean(" 3 ", minimum=1, maximum=4) == 3


def test_json_depth_check_refuses_deep_nesting_without_recursion():
    document: list = []
    for _ in range(30_000):
        document = [document]
    with pytest.raises(ValidationError):
        json_depth_check(document)


def test_json_depth_check_accepts_shallow_documents():
    json_depth_check({"a": [{"b": 1}]})

"""The guide course's quizzes give no cue a learner could guess from: length, position or habit.

The rules live in ``guide.quality`` and ``load_guide_course --check`` runs them (tests/guide shows each
one refusing a course that breaks it); here each rule is run over the real ``content/`` folder, so a
new question that breaks the balance fails with the rule's own message.
"""

from pathlib import Path

import pytest

from guide.parsing import course_read
from guide.quality import QUIZ_RULES, convention_issues

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def course():
    return course_read(CONTENT)


@pytest.mark.parametrize("rule", QUIZ_RULES, ids=lambda rule: rule.__name__)
def test_the_course_keeps_the_quality_rule(course, rule):
    issues = rule(course=course)

    assert not issues, "\n".join(str(issue) for issue in issues)


def test_the_course_text_keeps_its_conventions():
    issues = convention_issues(root=CONTENT)

    assert not issues, "\n".join(str(issue) for issue in issues)

"""Reading the content files: French typography, Markdown, and errors that name file and line."""

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.markdown import markdown_to_rich_text
from core.typography import NBSP, french_typography
from guide.errors import ContentErrors
from guide.parsing import course_read, plain_text
from guide.quality import convention_issues
from tests.factories import QUESTION_TYPES

CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_french_typography_spaces_and_apostrophes():
    text = french_typography("L'œuvre « La Joconde » : qui l'a peinte ? 30 % des visiteurs ! Vraiment ; oui.")

    assert text == (
        f"L’œuvre «{NBSP}La Joconde{NBSP}»{NBSP}: qui l’a peinte{NBSP}? 30{NBSP}% des visiteurs{NBSP}! "
        f"Vraiment{NBSP}; oui."
    )


def test_french_typography_keeps_numbers_hours_and_references_together():
    text = french_typography(
        "2 200 caractères, 1 000 000 de vues, 1 h 30 puis 10 h, n° 2551, art. 9 ; en 2014 300 musées"
    )

    assert text == (
        f"2{NBSP}200 caractères, 1{NBSP}000{NBSP}000 de vues, 1{NBSP}h{NBSP}30 puis 10{NBSP}h, n°{NBSP}2551, "
        f"art.{NBSP}9{NBSP}; en 2014 300 musées"
    )


def test_french_typography_leaves_addresses_alone():
    assert french_typography("https://exemple.fr/?q=1") == "https://exemple.fr/?q=1"


@given(st.text(alphabet="abh' «»:;!?%°.n\u00a0 1"))
def test_french_typography_is_idempotent(text):
    once = french_typography(text)

    assert french_typography(once) == once


def test_plain_text_keeps_underscores_inside_words_and_drops_emphasis_markers():
    assert plain_text("#nuit_des_musees_2025 est _bien_ **lu**") == "#nuit_des_musees_2025 est bien lu"


def test_no_internal_note_or_raw_source_number_reaches_learners():
    # The conventions rule of load_guide_course --check, over the lessons, quizzes and course files
    # (not this folder's README, which names the banned phrases).
    issues = convention_issues(root=CONTENT)

    assert not issues, "\n".join(str(issue) for issue in issues)


def test_markdown_keeps_only_safe_rich_text():
    html = markdown_to_rich_text(
        "Un **musée**, un *tableau*.\n- un\n- deux [lien](https://a.fr)\n\n<script>alert(1)</script>"
    )

    assert "<b>musée</b>" in html and "<i>tableau</i>" in html
    assert '<ul>\n<li>un</li>\n<li>deux <a href="https://a.fr">lien</a></li>\n</ul>' in html
    assert "<script" not in html


def test_the_guide_course_files_are_valid_and_complete():
    course = course_read(CONTENT)

    assert len(course.modules) >= 12
    assert len(course.lessons) >= 50
    assert all(module.quiz and len(module.quiz.questions) >= 8 for module in course.modules)
    assert course.final_quiz is not None
    assert sum(len(quiz.questions) for quiz in course.quizzes) >= 150
    assert {path.role for path in course.paths} == {"community_manager", "curator", "trainer"}
    used_types = {question.type for quiz in course.quizzes for question in quiz.questions}
    assert used_types == QUESTION_TYPES


def test_every_lesson_credits_its_sources_and_every_image_has_alt_text():
    course = course_read(CONTENT)

    for lesson in course.lessons:
        headings = [block.value["text"] for block in lesson.blocks if block.type == "heading"]
        assert headings[-1] == "Sources", lesson.slug
        for block in lesson.blocks:
            if block.type == "image":
                assert block.value["alt_text"].strip(), lesson.slug
            if block.type == "social_post" and block.value["image"]:
                assert block.value["image_alt"].strip(), lesson.slug


@pytest.fixture
def content(tmp_path):
    """A copy of the guide's content folder that a test may break."""
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def _errors(root) -> list[str]:
    with pytest.raises(ContentErrors) as excinfo:
        course_read(root)
    return [str(error) for error in excinfo.value.errors]


def _replace(path: Path, old: str, new: str) -> int:
    """Replace ``old`` in a file; return the 1-based line where it was."""
    text = path.read_text(encoding="utf-8")
    assert old in text
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def test_invalid_yaml_in_a_lesson_block_names_file_and_line(content):
    lesson = next((content / "05-gestion-de-crise").glob("04-*.md"))
    line = _replace(lesson, "```post\n", "```post\nnetwork: [unclosed\n")

    errors = _errors(content)

    # The YAML parser notices the unclosed list on the next line of the block, and says so.
    assert errors == [
        f"content/05-gestion-de-crise/{lesson.name}:{line + 2}: invalid YAML: expected ',' or ']', but got ':'"
    ]


def test_unknown_block_and_missing_alt_text_are_reported(content):
    lesson = next((content / "01-strategie-ligne-editoriale").glob("01-*.md"))
    line = _replace(lesson, "```figures", "```figure")
    image_lesson = next(path for path in sorted(content.glob("*/*.md")) if "```image" in path.read_text())
    _replace(image_lesson, "\nalt: ", "\nalternative: ")

    errors = _errors(content)

    assert f"content/01-strategie-ligne-editoriale/{lesson.name}:{line}: unknown block « figure »" in errors[0]
    assert any("missing field « alt »" in error and image_lesson.name in error for error in errors)


def test_a_single_choice_question_with_two_right_options_is_refused(content):
    quiz = content / "05-gestion-de-crise" / "quiz.yaml"
    line = _replace(quiz, "  - key: crise-q01\n", "  - key: crise-q01\n") + 0
    text = quiz.read_text(encoding="utf-8")
    quiz.write_text(
        text.replace(
            "      - text: La violence du vocabulaire employé.\n",
            "      - text: La violence.\n        correct: true\n",
            1,
        ),
        encoding="utf-8",
    )

    errors = _errors(content)

    assert any(
        error.startswith(f"content/05-gestion-de-crise/quiz.yaml:{line}:") and "one right option" in error
        for error in errors
    )


def test_a_wrong_option_without_feedback_and_an_unknown_path_module_are_reported(content):
    quiz = content / "05-gestion-de-crise" / "quiz.yaml"
    _replace(quiz, "        feedback: Non. Le week-end", "        comment: Non. Le week-end")
    paths = content / "paths.yaml"
    _replace(paths, "    - droits-images-donnees\n", "    - droits-inconnus\n")

    errors = "\n".join(_errors(content))

    assert "unknown field « comment »" in errors
    assert "a wrong option needs « feedback »" in errors
    assert "content/paths.yaml:" in errors and "unknown module « droits-inconnus »" in errors


def test_every_lesson_says_when_its_facts_were_checked():
    course = course_read(CONTENT)

    assert all(lesson.reviewed_on is not None for lesson in course.lessons)


def test_a_lesson_without_a_check_date_or_with_a_future_one_is_refused(content):
    first, second = sorted((content / "01-strategie-ligne-editoriale").glob("0[12]-*.md"))
    _replace(first, "reviewed_on: ", "checked: ")
    line = _replace(second, "reviewed_on: 20", "reviewed_on: 29")

    errors = "\n".join(_errors(content))

    assert f"{first.name}:" in errors and "missing field « reviewed_on »" in errors
    assert f"content/01-strategie-ligne-editoriale/{second.name}:{line}: « reviewed_on »" in errors
    assert "is in the future" in errors


def test_the_course_practises_writing_posts_in_the_studio_in_five_places():
    course = course_read(CONTENT)
    exercises = {
        module.slug: block.value
        for module in course.modules
        for lesson in module.lessons
        for block in lesson.blocks
        if block.type == "post_exercise"
    }

    # Tone, writing for each network, events, rights, crisis response.
    assert {"ton-et-voix", "ecrire-pour-chaque-reseau", "temps-forts-evenements", "droits-images-donnees",
            "gestion-de-crise"} <= set(exercises)  # fmt: skip
    assert exercises["droits-images-donnees"]["shows_artwork"] is True
    assert exercises["temps-forts-evenements"]["image_description"]


def test_an_exercise_on_an_unknown_network_or_with_a_wrong_flag_is_reported(content):
    lesson = content / "03-ecrire-pour-chaque-reseau" / "01-formats-et-contraintes.md"
    line = _replace(lesson, "```exercise\nnetwork: x\n", "```exercise\nnetwork: myspace\n")
    _replace(lesson, "tracking: true", "tracking: oui")

    errors = _errors(content)

    assert any(f"{lesson.name}:{line + 1}: network must be one of" in error for error in errors)
    assert any("« tracking » must be true or false" in error for error in errors)

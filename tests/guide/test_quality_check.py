"""``load_guide_course --check`` refuses content that breaks a quality rule, and says which and where.

Each test copies a small valid course (``fixtures/small-course``), breaks one rule and checks that the
command fails with the rule's French message naming the question, quiz or file.
"""

import shutil
from io import StringIO
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError

from guide.parsing import course_read
from guide.quality import course_quality_check, giveaway_issues

FIXTURE = Path(__file__).parent / "fixtures" / "small-course"
CONTENT = Path(__file__).resolve().parents[2] / "content"


def _check(root: Path) -> str:
    out = StringIO()
    call_command("load_guide_course", "--content", str(root), "--check", stdout=out, stderr=StringIO())
    return out.getvalue()


def _refused(root: Path) -> str:
    with pytest.raises(CommandError) as excinfo:
        _check(root)
    return str(excinfo.value)


@pytest.fixture
def course(tmp_path) -> Path:
    root = tmp_path / "small-course"
    shutil.copytree(FIXTURE, root)
    return root


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _write_quiz(root: Path, questions: list[dict]) -> None:
    """Replace the second module's quiz with generated questions."""
    quiz = {"slug": "quiz-second-module", "title": "Quiz – Second module", "questions": questions}
    text = yaml.safe_dump(quiz, allow_unicode=True, sort_keys=False)
    (root / "02-second-module" / "quiz.yaml").write_text(text, encoding="utf-8")


def _single(key: str, right: int, lengths: list[int]) -> dict:
    """A single-choice question whose option n° ``right`` is right, with options of the given lengths."""
    options = []
    for index, length in enumerate(lengths):
        option = {"text": f"Option {index} " + "x" * length, "feedback": "Parce que."}
        if index == right:
            option["correct"] = True
        options.append(option)
    return {"key": key, "type": "single", "prompt": f"Question {key} ?", "explanation": "Exemple.", "options": options}


def _multiple(key: str, rights: int, total: int = 4) -> dict:
    options = [{"text": f"Réponse {key} {index}", "feedback": "Parce que."} for index in range(total)]
    for option in options[:rights]:
        option["correct"] = True
    return {
        "key": key,
        "type": "multiple",
        "prompt": f"Question {key} ?",
        "explanation": "Exemple.",
        "options": options,
    }


def test_the_real_course_passes_every_quality_rule():
    output = _check(CONTENT)

    assert output.startswith("Content is valid: ")


def test_the_small_course_passes_every_quality_rule(course):
    assert _check(course).startswith("Content is valid: 2 modules, 2 lessons, 3 quizzes")


def _right_always_second() -> list[dict]:
    """The right option is always second; it is the shortest or in between, so only its position is a cue."""
    lengths = [[20, 10, 30], [30, 20, 10]]
    return [_single(f"second-q{n:02}", 1, lengths[0 if n % 5 < 2 else 1]) for n in range(10)]


def _right_always_longest() -> list[dict]:
    """The right option moves from place to place, but it is always the longest."""
    questions = [_single(f"second-q{n:02}", n % 3, [10, 10, 10]) for n in range(10)]
    for question in questions:
        right = next(option for option in question["options"] if option.get("correct"))
        right["text"] += " avec une précision qui l'allonge"
    return questions


@pytest.mark.parametrize(
    ("questions", "cue", "expected", "other_cue"),
    [
        pytest.param(
            _right_always_second,
            "[position]",
            [
                "la bonne réponse est l'option n° 2 dans 12 sur 12 (100%)",
                "quiz-second-module : la bonne réponse est toujours l'option n° 2 (second-q00",
            ],
            "[longueur]",
            id="always in the same place",
        ),
        pytest.param(
            _right_always_longest,
            "[longueur]",
            [
                "la bonne réponse est la plus longue dans 12 sur 12 (100%)",
                "quiz-second-module : la bonne réponse est toujours la plus longue (second-q00, second-q01",
            ],
            "[position]",
            id="always the longest",
        ),
    ],
)
def test_a_right_option_given_away_by_one_cue_is_refused_for_that_cue_only(course, questions, cue, expected, other_cue):
    _write_quiz(course, questions())

    message = _refused(course)

    assert cue in message
    for part in expected:
        assert part in message
    assert other_cue not in message


def test_a_quiz_whose_statements_are_all_false_is_refused(course):
    statements = [
        {
            "key": f"second-q{n:02}",
            "type": "true_false",
            "prompt": f"« Affirmation {n}. »",
            "answer": False,
            "explanation": "Exemple.",
            "feedback_true": "Non.",
            "feedback_false": "Oui.",
        }
        for n in range(3)
    ]
    _write_quiz(course, statements)

    message = _refused(course)

    assert (
        "[vrai-faux] quiz-second-module : toutes les affirmations sont fausses (second-q00, second-q01, second-q02)"
        in (message)
    )


def test_a_best_post_distractor_that_is_a_caricature_is_refused(course):
    _edit(
        course / "02-second-module" / "quiz.yaml",
        "text: Nocturne jeudi 14 mars, de 19 h à 22 h, entrée libre. Programme sur notre site.\n",
        "text: Merci.\n",
    )

    message = _refused(course)

    assert "[meilleure-publication] quiz-second-module : second-q01 : la publication n° 1 fait moins de la moitié" in (
        message
    )


def test_multiple_choice_questions_with_always_the_same_number_of_right_options_are_refused(course):
    _write_quiz(course, [_multiple(f"second-q{n:02}", 2) for n in range(10)])

    message = _refused(course)

    assert (
        "[choix-multiple] 11 sur 11 (100%) des questions à choix multiple ont exactement 2 bonnes réponses" in message
    )


def test_a_multiple_choice_question_without_a_wrong_option_is_refused(course):
    _write_quiz(course, [_multiple("second-q01", 4)])

    message = _refused(course)

    assert "[choix-multiple] quiz-second-module : second-q01 : toutes les options sont justes" in message


# One edit of a valid file that breaks one rule: (file, text replaced, replacement, what the refusal says).
BROKEN_BY_ONE_EDIT = [
    pytest.param(
        "02-second-module/quiz.yaml",
        "Le musée de l'Estuaire annonce une nocturne.",
        "Le musée de l'Estuaire annonce une nocturne avec un lien marqué utm_campaign.",
        [
            "[question-reponse] quiz-second-module : la réponse de second-q02 (« utm_campaign ») figure dans ",
            "l'énoncé de second-q01",
        ],
        id="a question whose answer is in another prompt",
    ),
    pytest.param(
        "01-premier-module/quiz.yaml",
        "points: 4",
        "points: 5",
        ["[grille] quiz-premier-module : premier-q05 : la grille totalise 4 points, la question en vaut 5"],
        id="a rubric that does not add up to the question's points",
    ),
    pytest.param(
        "paths.yaml",
        "role: curator\n  modules: [premier-module]",
        "role: curator\n  modules: [premier-module, second-module]",
        ["[parcours] conservateur : le parcours conservateur (2 modules) doit être plus court"],
        id="a curator path as long as the complete path",
    ),
    pytest.param(
        "final-quiz.yaml",
        "prompt: Scénario. Une vidéo",
        "prompt: Une vidéo",
        ["[quiz-final] quiz-final-controle : aucune question de mise en situation"],
        id="a final quiz without a scenario",
    ),
    pytest.param(
        "01-premier-module/quiz.yaml",
        "Que vérifiez-vous avant de publier la photo d'une œuvre ?",
        "Que vérifiez-vous avant de publier la photo de *Brume sur l'estuaire* ?",
        ["[convention] 01-premier-module/quiz.yaml:", "italique ou gras dans un champ de quiz"],
        id="an italic artwork title in a quiz",
    ),
]


@pytest.mark.parametrize(("path", "old", "new", "expected"), BROKEN_BY_ONE_EDIT)
def test_content_that_breaks_a_rule_is_refused_with_the_rules_message(course, path, old, new, expected):
    _edit(course / path, old, new)

    message = _refused(course)

    for part in expected:
        assert part in message


def test_a_module_outside_every_path_and_a_module_listed_twice_are_refused(course):
    _edit(course / "paths.yaml", "modules: [premier-module, second-module]", "modules: [premier-module]")
    _edit(course / "paths.yaml", "modules: [second-module]", "modules: [premier-module, premier-module]")

    message = _refused(course)

    assert "[parcours] formateur : le module « premier-module » figure 2 fois" in message
    assert "[parcours] le module « second-module » n'appartient à aucun parcours" in message


def test_a_final_quiz_without_a_writing_item_is_refused(course):
    path = course / "final-quiz.yaml"
    path.write_text(path.read_text(encoding="utf-8").split("  - key: final-q02")[0], encoding="utf-8")

    message = _refused(course)

    assert "[quiz-final] quiz-final-controle : aucun exercice d'écriture (type: writing)" in message


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Voir le document de départ du projet.", "note interne « document de départ »"),
        ("Les musées ont suivi [41].", "repère de source brut « [n] »"),
        ("Environ la moitie des musées.", "« la moitie » sans accent"),
        ("Elle travaille au Musée de l'Estuaire depuis 2020.", "« Musée de l'Estuaire » en cours de phrase"),
    ],
)
def test_internal_notes_and_inconsistent_names_are_refused(course, sentence, expected):
    _edit(course / "01-premier-module" / "01-lecon.md", "\n## Sources", f"\n{sentence}\n\n## Sources")

    message = _refused(course)

    assert f"[convention] 01-premier-module/01-lecon.md:10 : {expected}" in message


def test_a_display_name_or_a_sentence_start_keeps_the_capital(course):
    _edit(
        course / "01-premier-module" / "01-lecon.md",
        "\n## Sources",
        "\nMusée de l'Estuaire : c'est le nom affiché du compte. Photo © Musée de l'Estuaire.\n\n## Sources",
    )

    assert _check(course).startswith("Content is valid")


def test_a_short_right_answer_is_not_taken_for_a_giveaway():
    course = course_read(FIXTURE)
    question = course.modules[0].quiz.questions[0]
    question.value["options"][1]["text"] = "Oui."
    course.modules[0].quiz.questions[1].value["prompt"] = "Oui. Et pourtant ?"

    assert giveaway_issues(course=course) == []
    assert course_quality_check(course=course) == []

"""Editorial quality rules over the guide course, run by ``load_guide_course --check``.

Parsing (``guide.parsing``) refuses files the loader cannot read; these rules refuse content a learner
could game or that breaks the course's conventions: quizzes whose right answer can be guessed from its
length or position, « best post » distractors that are caricatures, a question answered by another,
rubrics that do not add up, learning paths that do not keep their promise, a final quiz without a
scenario or a writing item, and internal notes or inconsistent names left in the text.

Every rule is a pure function of a :class:`~guide.parsing.CourseSpec` (or of the raw files for the
conventions) that returns :class:`QualityIssue` items. The messages are French: they are read by the
course's authors, who write the content in French.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .parsing import CourseSpec, QuestionSpec, QuizSpec

# -- thresholds ---------------------------------------------------------------------------------
# With three or four options, a random right option is the longest (or the shortest) about 25-33 % of
# the time, and strictly between the two about 33-50 % of the time. Outside these bounds, length is a
# cue: « pick the longest » or, once authors overcorrect, « never pick the longest ».
LONGEST_SHARE_BOUNDS = (0.15, 0.40)
MAX_SHORTEST_SHARE = 0.40
MAX_MIDDLE_SHARE = 0.60
MAX_FIRST_SHARE = 0.40
MAX_SAME_POSITION_SHARE = 0.50
TRUE_SHARE_BOUNDS = (0.40, 0.60)
MAX_SAME_RIGHT_COUNT_SHARE = 0.50
# A « best post » distractor is a near miss (a good post missing its credit, a wrong fact), not a
# caricature such as « Merci. »: it is at least half as long as the right post.
MIN_DISTRACTOR_LENGTH_RATIO = 0.5
# Shares mean nothing over a handful of questions: course-wide statistics need this many questions.
MIN_COURSE_SAMPLE = 10
# Within one quiz, this many questions of a kind all giving the same cue is a pattern, not chance.
MIN_QUIZ_PATTERN = 4
MIN_QUIZ_TRUE_FALSE_PATTERN = 3
# A right answer shorter than this (« Oui », « 5 ») appears in prompts by chance.
MIN_GIVEAWAY_LENGTH = 8
SCENARIO_PREFIX = "scénario"
CHOICE_TYPES = ("single", "best_post")

# -- conventions --------------------------------------------------------------------------------
# The fictional institutions of the course, as written in running text: « musée » in lowercase, as
# French usage writes « le musée du Louvre ». The capital is kept at the start of a sentence, in a
# title and in an account's display name (« account: Musée de l'Estuaire »).
FICTIONAL_INSTITUTIONS = (
    "musée de l'Estuaire",
    "muséum de Valcourt",
    "château de Valbrèche",
    "musée d'Art de Pellerive",
)
# Internal notes that must never reach learners, with what to write instead.
BANNED_PHRASES: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"document de départ", re.IGNORECASE),
        "note interne « document de départ » : citez la source par son titre",
    ),
    (
        re.compile(r"article radio de départ", re.IGNORECASE),
        "note interne « article radio de départ » : citez l'article par son titre",
    ),
    (
        re.compile(r"(?<![\w(\[])\[\d+(?:[,–-]\s*\d+)*\](?!\()"),
        "repère de source brut « [n] » : citez la source en toutes lettres",
    ),
    (re.compile(r"\bla moitie\b", re.IGNORECASE), "« la moitie » sans accent : écrivez « la moitié »"),
)


@dataclass(frozen=True)
class QualityIssue:
    """One violation: the rule broken, where (file, question key) and what to change, in French."""

    rule: str
    message: str
    location: str = ""

    def __str__(self) -> str:
        where = f"{self.location} : " if self.location else ""
        return f"[{self.rule}] {where}{self.message}"


# -- helpers ------------------------------------------------------------------------------------


def _of_type(quiz: QuizSpec, *types: str) -> list[QuestionSpec]:
    """The quiz's questions of these types, in their order."""
    return [question for question in quiz.questions if question.type in types]


def _course_questions(course: CourseSpec, *types: str) -> list[tuple[QuizSpec, QuestionSpec]]:
    """Every question of these types in the course, with its quiz (where an issue about it is reported)."""
    return [(quiz, question) for quiz in course.quizzes for question in _of_type(quiz, *types)]


def _option_text(option: dict) -> str:
    return str(option["post"]["text"] if "post" in option else option["text"])


def _right_index(question: QuestionSpec) -> int:
    return next(index for index, option in enumerate(question.value["options"]) if option.get("correct"))


def _lengths(question: QuestionSpec) -> list[int]:
    return [len(_option_text(option)) for option in question.value["options"]]


def _is_strictly_longest(right: int, lengths: Sequence[int]) -> bool:
    return all(lengths[right] > length for index, length in enumerate(lengths) if index != right)


def _keys(items: Iterable[QuestionSpec]) -> str:
    return ", ".join(question.key for question in items)


def _share(part: int, whole: int) -> str:
    return f"{part} sur {whole} ({part / whole:.0%})"


def _normalised(text: str) -> str:
    """Lowercase, without accents, typographic spaces or apostrophes: what a reader compares."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " "))
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    return re.sub(r"\s+", " ", text).strip(" .")


# -- quiz rules ---------------------------------------------------------------------------------


def quiz_position_issues(*, course: CourseSpec) -> list[QualityIssue]:
    """The right option of single-choice and « best post » questions is not usually first, nor usually in
    one place: across the course (shares) and within a quiz (every question the same)."""
    issues = []
    choices = _course_questions(course, *CHOICE_TYPES)
    if len(choices) >= MIN_COURSE_SAMPLE:
        positions = Counter(_right_index(question) for _quiz, question in choices)
        first = [question for _quiz, question in choices if _right_index(question) == 0]
        if len(first) / len(choices) > MAX_FIRST_SHARE:
            issues.append(
                QualityIssue(
                    "position",
                    f"la bonne réponse est la première option dans {_share(len(first), len(choices))} des questions "
                    f"à choix unique ou « meilleure publication » (au plus {MAX_FIRST_SHARE:.0%}) : {_keys(first)}",
                )
            )
        place, count = positions.most_common(1)[0]
        if place != 0 and count / len(choices) > MAX_SAME_POSITION_SHARE:
            same = [question for _quiz, question in choices if _right_index(question) == place]
            issues.append(
                QualityIssue(
                    "position",
                    f"la bonne réponse est l'option n° {place + 1} dans {_share(count, len(choices))} des questions "
                    f"(au plus {MAX_SAME_POSITION_SHARE:.0%}) : {_keys(same)}",
                )
            )
    for quiz in course.quizzes:
        in_quiz = _of_type(quiz, *CHOICE_TYPES)
        places = {_right_index(question) for question in in_quiz}
        if len(in_quiz) >= MIN_QUIZ_PATTERN and len(places) == 1:
            issues.append(
                QualityIssue(
                    "position",
                    f"la bonne réponse est toujours l'option n° {places.pop() + 1} ({_keys(in_quiz)}) : "
                    "variez sa place",
                    quiz.slug,
                )
            )
    return issues


def quiz_length_issues(*, course: CourseSpec) -> list[QualityIssue]:
    """The length of the right option gives nothing away: it is the longest, the shortest or in between
    within chance bounds across the course, and not always the longest within a quiz."""
    issues = []
    choices = [question for _quiz, question in _course_questions(course, *CHOICE_TYPES)]
    if len(choices) >= MIN_COURSE_SAMPLE:
        longest = [q for q in choices if _is_strictly_longest(_right_index(q), _lengths(q))]
        shortest = [q for q in choices if _lengths(q)[_right_index(q)] == min(_lengths(q))]
        middle = [q for q in choices if min(_lengths(q)) < _lengths(q)[_right_index(q)] < max(_lengths(q))]
        low, high = LONGEST_SHARE_BOUNDS
        if not low <= len(longest) / len(choices) <= high:
            issues.append(
                QualityIssue(
                    "longueur",
                    f"la bonne réponse est la plus longue dans {_share(len(longest), len(choices))} des questions "
                    f"(attendu entre {low:.0%} et {high:.0%}) : {_keys(longest)}",
                )
            )
        if len(shortest) / len(choices) > MAX_SHORTEST_SHARE:
            issues.append(
                QualityIssue(
                    "longueur",
                    f"la bonne réponse est la plus courte dans {_share(len(shortest), len(choices))} des questions "
                    f"(au plus {MAX_SHORTEST_SHARE:.0%}) : {_keys(shortest)}",
                )
            )
        if len(middle) / len(choices) > MAX_MIDDLE_SHARE:
            issues.append(
                QualityIssue(
                    "longueur",
                    f"la bonne réponse n'est ni la plus longue ni la plus courte dans "
                    f"{_share(len(middle), len(choices))} des questions (au plus {MAX_MIDDLE_SHARE:.0%})",
                )
            )
    for quiz in course.quizzes:
        in_quiz = _of_type(quiz, *CHOICE_TYPES)
        if len(in_quiz) >= MIN_QUIZ_PATTERN and all(
            _is_strictly_longest(_right_index(q), _lengths(q)) for q in in_quiz
        ):
            issues.append(
                QualityIssue(
                    "longueur",
                    f"la bonne réponse est toujours la plus longue ({_keys(in_quiz)}) : "
                    "allongez un distracteur ou resserrez la bonne réponse",
                    quiz.slug,
                )
            )
    return issues


def true_false_issues(*, course: CourseSpec) -> list[QualityIssue]:
    """True and false statements are balanced across the course, and no quiz answers them all one way."""
    issues = []
    statements = [question for _quiz, question in _course_questions(course, "true_false")]
    if len(statements) >= MIN_COURSE_SAMPLE:
        true = [q for q in statements if q.value["answer"] == "true"]
        low, high = TRUE_SHARE_BOUNDS
        if not low <= len(true) / len(statements) <= high:
            issues.append(
                QualityIssue(
                    "vrai-faux",
                    f"{_share(len(true), len(statements))} des affirmations « vrai ou faux » sont vraies "
                    f"(attendu entre {low:.0%} et {high:.0%})",
                )
            )
    for quiz in course.quizzes:
        in_quiz = _of_type(quiz, "true_false")
        answers = {q.value["answer"] for q in in_quiz}
        if len(in_quiz) >= MIN_QUIZ_TRUE_FALSE_PATTERN and len(answers) == 1:
            answer = "vraies" if answers.pop() == "true" else "fausses"
            issues.append(
                QualityIssue("vrai-faux", f"toutes les affirmations sont {answer} ({_keys(in_quiz)})", quiz.slug)
            )
    return issues


def best_post_issues(*, course: CourseSpec) -> list[QualityIssue]:
    """« Best post » distractors are near misses: at least half as long as the right post."""
    issues = []
    for quiz, question in _course_questions(course, "best_post"):
        lengths = _lengths(question)
        right = lengths[_right_index(question)]
        short = [
            index + 1
            for index, length in enumerate(lengths)
            if index != _right_index(question) and length < MIN_DISTRACTOR_LENGTH_RATIO * right
        ]
        if short:
            numbers = ", ".join(f"n° {number}" for number in short)
            issues.append(
                QualityIssue(
                    "meilleure-publication",
                    f"{question.key} : la publication {numbers} fait moins de la moitié de la bonne ; "
                    "un distracteur doit être une quasi-bonne réponse (crédit ou texte alternatif manquant, "
                    "fait erroné), pas une caricature",
                    quiz.slug,
                )
            )
    return issues


def multiple_choice_issues(*, course: CourseSpec) -> list[QualityIssue]:
    """Multiple-choice questions vary their number of right options (no « always three of five »)."""
    issues = []
    in_course = _course_questions(course, "multiple")
    questions = [question for _quiz, question in in_course]

    def right_count(question: QuestionSpec) -> int:
        return sum(1 for option in question.value["options"] if option.get("correct"))

    if len(questions) >= MIN_COURSE_SAMPLE:
        count, times = Counter(right_count(q) for q in questions).most_common(1)[0]
        if times / len(questions) > MAX_SAME_RIGHT_COUNT_SHARE:
            same = [q for q in questions if right_count(q) == count]
            issues.append(
                QualityIssue(
                    "choix-multiple",
                    f"{_share(times, len(questions))} des questions à choix multiple ont exactement {count} bonnes "
                    f"réponses (au plus {MAX_SAME_RIGHT_COUNT_SHARE:.0%}) : {_keys(same)}",
                )
            )
    for quiz, question in in_course:
        if right_count(question) == len(question.value["options"]):
            issues.append(
                QualityIssue(
                    "choix-multiple",
                    f"{question.key} : toutes les options sont justes ; ajoutez au moins un distracteur",
                    quiz.slug,
                )
            )
    return issues


def _right_answers(question: QuestionSpec) -> list[str]:
    if question.type in ("single", "multiple"):
        return [option["text"] for option in question.value["options"] if option.get("correct")]
    if question.type == "short_answer":
        return list(question.value["accepted"])
    return []


def giveaway_issues(*, course: CourseSpec) -> list[QualityIssue]:
    """No question is answered by another of the same quiz.

    Heuristic: the text of a right answer (a right option of a single or multiple choice, an accepted
    short answer) of at least ``MIN_GIVEAWAY_LENGTH`` characters appears, as whole words and compared
    without case or accents, in the prompt of another question of the same quiz. A learner who reads
    that prompt first has the answer. Paraphrases are not caught: reviewers still read the quizzes.
    """
    issues = []
    for quiz in course.quizzes:
        prompts = {question.key: _normalised(question.value["prompt"]) for question in quiz.questions}
        for question in quiz.questions:
            for answer in _right_answers(question):
                needle = _normalised(answer)
                if len(needle) < MIN_GIVEAWAY_LENGTH:
                    continue
                pattern = re.compile(rf"(?<!\w){re.escape(needle)}(?!\w)")
                for other, prompt in prompts.items():
                    if other != question.key and pattern.search(prompt):
                        issues.append(
                            QualityIssue(
                                "question-reponse",
                                f"la réponse de {question.key} (« {answer} ») figure dans l'énoncé de {other}",
                                quiz.slug,
                            )
                        )
    return issues


def rubric_issues(*, course: CourseSpec) -> list[QualityIssue]:
    """A writing question's rubric adds up to the question's points, so the trainer's grade is its score."""
    issues = []
    for quiz, question in _course_questions(course, "writing"):
        total = sum(int(row["points"]) for row in question.value["rubric"])
        points = int(question.value["points"])
        if total != points:
            issues.append(
                QualityIssue(
                    "grille",
                    f"{question.key} : la grille totalise {total} points, la question en vaut {points}",
                    quiz.slug,
                )
            )
    return issues


def path_issues(*, course: CourseSpec) -> list[QualityIssue]:
    """Learning paths keep their promise.

    Each path lists existing modules once; every module belongs to at least one path; the community
    manager path is the complete one, so a curator path is a strict, shorter subset of it.
    """
    issues = []
    known = {module.slug for module in course.modules}
    for path in course.paths:
        for slug, times in Counter(path.modules).items():
            if times > 1:
                issues.append(QualityIssue("parcours", f"le module « {slug} » figure {times} fois", path.slug))
        for slug in path.modules:
            if slug not in known:
                issues.append(QualityIssue("parcours", f"le module « {slug} » n'existe pas", path.slug))
        if not path.modules:
            issues.append(QualityIssue("parcours", "le parcours ne contient aucun module", path.slug))
    if course.paths:
        covered = {slug for path in course.paths for slug in path.modules}
        for module in course.modules:
            if module.slug not in covered:
                issues.append(QualityIssue("parcours", f"le module « {module.slug} » n'appartient à aucun parcours"))
    managers = [path for path in course.paths if path.role == "community_manager"]
    for curator in [path for path in course.paths if path.role == "curator"]:
        for manager in managers:
            missing = [slug for slug in curator.modules if slug not in manager.modules]
            if len(curator.modules) >= len(manager.modules):
                issues.append(
                    QualityIssue(
                        "parcours",
                        f"le parcours conservateur ({len(curator.modules)} modules) doit être plus court que le "
                        f"parcours « {manager.slug} » ({len(manager.modules)} modules)",
                        curator.slug,
                    )
                )
            if missing:
                issues.append(
                    QualityIssue(
                        "parcours",
                        f"les modules {', '.join(missing)} manquent au parcours complet « {manager.slug} »",
                        curator.slug,
                    )
                )
    return issues


def is_scenario(question: QuestionSpec) -> bool:
    """A scenario item: a situation described, then the best action to choose.

    Convention: a single-choice or « best post » question whose prompt starts with « Scénario ».
    """
    return question.type in CHOICE_TYPES and _normalised(question.value["prompt"]).startswith(
        _normalised(SCENARIO_PREFIX)
    )


def final_quiz_issues(*, course: CourseSpec) -> list[QualityIssue]:
    """The certifying final quiz asks to act in a scenario and to write, not only to recognise."""
    quiz = course.final_quiz
    if quiz is None:
        return []  # a course may have no final quiz; the certifying one must have both items
    issues = []
    if not any(is_scenario(question) for question in quiz.questions):
        issues.append(
            QualityIssue(
                "quiz-final",
                "aucune question de mise en situation : ajoutez une question à choix unique ou « meilleure "
                "publication » dont l'énoncé commence par « Scénario. »",
                quiz.slug,
            )
        )
    if not any(question.type == "writing" for question in quiz.questions):
        issues.append(QualityIssue("quiz-final", "aucun exercice d'écriture (type: writing)", quiz.slug))
    return issues


# -- conventions over the raw files -------------------------------------------------------------

# « au Musée de… », « Le Musée de… »: a word just before the name means running text. After « : »,
# « © », « « » or at the start of a line (a display name, a credit, a title) the capital stays.
_IN_SENTENCE = re.compile(r"\w[ \t\u00a0]+$|\w'$")


# Quiz fields and post texts are plain text: the loader drops Markdown emphasis there, so an artwork
# title loses its italics and must be written between « » instead (lessons keep *italics*).
_EMPHASIS_IN_QUIZ = re.compile(r"(?<![\w*])(\*\*?)(?=\S)[^*\n]+?(?<=\S)\1(?![\w*])")


def _content_files(root: Path) -> list[Path]:
    files = [path for pattern in ("*.yaml", "*/*.yaml", "*/*.md") for path in root.glob(pattern)]
    return sorted(path for path in files if path.parent.name != "site")


def convention_issues(*, root: Path) -> list[QualityIssue]:
    """Mechanical conventions of the text: no internal notes or raw source markers, the fictional
    institutions written with a lowercase « musée » in running text, no emphasis markers in the plain
    text of quizzes and course files (where artwork titles go between « »)."""
    issues = []
    for path in _content_files(root):
        location = str(path.relative_to(root))
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            for pattern, message in BANNED_PHRASES:
                if pattern.search(line):
                    issues.append(QualityIssue("convention", message, f"{location}:{number}"))
            if path.name.endswith("quiz.yaml") and _EMPHASIS_IN_QUIZ.search(line):
                issues.append(
                    QualityIssue(
                        "convention",
                        "italique ou gras dans un champ de quiz, affiché sans mise en forme : écrivez un titre "
                        "d'œuvre entre « »",
                        f"{location}:{number}",
                    )
                )
            plain = line.replace("’", "'")
            for name in FICTIONAL_INSTITUTIONS:
                capitalised = name[0].upper() + name[1:]
                for match in re.finditer(re.escape(capitalised), plain):
                    before = plain[: match.start()]
                    if _IN_SENTENCE.search(before):
                        issues.append(
                            QualityIssue(
                                "convention",
                                f"« {capitalised} » en cours de phrase : écrivez « {name} »",
                                f"{location}:{number}",
                            )
                        )
    return issues


QUIZ_RULES: tuple[Callable[..., list[QualityIssue]], ...] = (
    quiz_position_issues,
    quiz_length_issues,
    true_false_issues,
    best_post_issues,
    multiple_choice_issues,
    giveaway_issues,
    rubric_issues,
    path_issues,
    final_quiz_issues,
)


def course_quality_check(*, course: CourseSpec) -> list[QualityIssue]:
    """Every quality rule over a course read by :func:`guide.parsing.course_read`."""
    issues = [issue for rule in QUIZ_RULES for issue in rule(course=course)]
    return issues + convention_issues(root=course.root)

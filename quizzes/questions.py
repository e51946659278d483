"""Question specs: from stored block values to the snapshot an attempt keeps, and what each screen may show.

Pure functions, no database access. A spec is a JSON-safe dict; option, item and pair keys are random
per attempt so that nothing in the page (names, values, order) hints at the right answer.
"""

import random
from collections.abc import Mapping, Sequence
from typing import Any

from quizzes.grading import QuestionResult, QuestionSpec, Status

QUESTION_TYPES = (
    "single",
    "multiple",
    "true_false",
    "ordering",
    "matching",
    "best_post",
    "short_answer",
    "writing",
)
SCORING_CHOICES = ("all_or_nothing", "partial")
SHORT_ANSWER_MAX_LENGTH = 300
WRITING_MAX_LENGTH = 3000
WRITING_MAX_LENGTH_LIMIT = 10000
POST_FIELDS = ("network", "account_name", "handle", "text", "image", "image_alt", "date")


def _list_values(raw: Any) -> list[Any]:
    """ListBlock raw data in either format: ``[{"type": "item", "value": …, "id": …}]`` or plain values."""
    if not isinstance(raw, list):
        return []
    values = []
    for item in raw:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            values.append(item["value"])
        else:
            values.append(item)
    return values


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _json_safe(value: Any) -> Any:
    """Dates become ISO strings so that a spec can be stored as JSON."""
    return value.isoformat() if hasattr(value, "isoformat") else value


def _points(value: Any) -> int:
    try:
        points = int(value)
    except (TypeError, ValueError):
        return 1
    return points if points > 0 else 1


class _Keys:
    """Opaque keys: random for attempts, readable (``o1``, ``i2``…) for trainers' answer keys."""

    def __init__(self, rng: random.Random | None):
        self.rng = rng
        self.used: set[str] = set()
        self.counters: dict[str, int] = {}

    def new(self, prefix: str) -> str:
        if self.rng is None:
            self.counters[prefix] = self.counters.get(prefix, 0) + 1
            return f"{prefix}{self.counters[prefix]}"
        while True:
            key = f"{self.rng.getrandbits(48):012x}"
            if key not in self.used:
                self.used.add(key)
                return key


def _shuffled(items: list[Any], rng: random.Random | None, *, avoid_same_order: bool = False) -> list[Any]:
    if rng is None or len(items) < 2:
        return list(items)
    result = list(items)
    rng.shuffle(result)
    if avoid_same_order:
        while result == items:
            rng.shuffle(result)
    return result


def question_spec_build(
    *,
    question_id: str,
    block_type: str,
    value: Mapping[str, Any],
    rng: random.Random | None = None,
    shuffle_options: bool = False,
    bank_item_id: int | None = None,
) -> dict[str, Any]:
    """Turn one stored question block value into a spec; raise ``ValueError`` if it cannot be graded.

    Without ``rng`` the keys are readable and nothing is shuffled (trainers' answer key). With it,
    keys are random, options are shuffled when ``shuffle_options`` is set, ordering items never
    appear in the right order, and the right-hand sides of a matching question are shuffled.
    """
    if block_type not in QUESTION_TYPES:
        raise ValueError(f"Unknown question type: {block_type!r}")
    if not isinstance(value, Mapping):
        raise ValueError("A question must be a mapping.")
    keys = _Keys(rng)
    spec: dict[str, Any] = {
        "id": str(question_id),
        "type": block_type,
        "prompt": _text(value.get("prompt")),
        "explanation": _text(value.get("explanation")),
        "points": _points(value.get("points", 1)),
    }
    if bank_item_id is not None:
        spec["bank_item_id"] = bank_item_id
    if not spec["prompt"]:
        raise ValueError("The question has no prompt.")
    options_rng = rng if shuffle_options else None

    if block_type in ("single", "multiple", "best_post"):
        options = []
        for raw_option in _list_values(value.get("options")):
            if not isinstance(raw_option, Mapping):
                continue
            option = {
                "key": keys.new("o"),
                "correct": bool(raw_option.get("correct")),
                "feedback": _text(raw_option.get("feedback")),
            }
            if block_type == "best_post":
                post = raw_option.get("post") if isinstance(raw_option.get("post"), Mapping) else {}
                option["post"] = {field: _json_safe(post.get(field)) for field in POST_FIELDS}
            else:
                option["text"] = _text(raw_option.get("text"))
            options.append(option)
        right = sum(1 for option in options if option["correct"])
        if len(options) < 2:
            raise ValueError("The question needs at least two options.")
        if block_type == "single" and right != 1:
            raise ValueError("A single-choice question needs exactly one right option.")
        if right < 1:
            raise ValueError("The question needs at least one right option.")
        spec["options"] = _shuffled(options, options_rng)
        if block_type == "multiple":
            scoring = value.get("scoring") or "all_or_nothing"
            spec["scoring"] = scoring if scoring in SCORING_CHOICES else "all_or_nothing"
    elif block_type == "true_false":
        answer = value.get("answer")
        if isinstance(answer, str):
            answer = {"true": True, "false": False}.get(answer.strip().lower())
        if not isinstance(answer, bool):
            raise ValueError("A true/false question needs its answer.")
        spec["answer"] = answer
        spec["feedback_true"] = _text(value.get("feedback_true"))
        spec["feedback_false"] = _text(value.get("feedback_false"))
    elif block_type == "ordering":
        items = [{"key": keys.new("i"), "text": _text(text)} for text in _list_values(value.get("items"))]
        if len(items) < 2:
            raise ValueError("An ordering question needs at least two items.")
        spec["correct_order"] = [item["key"] for item in items]
        spec["items"] = _shuffled(items, rng, avoid_same_order=True)
    elif block_type == "matching":
        pairs = [pair for pair in _list_values(value.get("pairs")) if isinstance(pair, Mapping)]
        if len(pairs) < 2:
            raise ValueError("A matching question needs at least two pairs.")
        rights: dict[str, dict[str, str]] = {}
        lefts = []
        for pair in pairs:
            right_text = _text(pair.get("right"))
            # Two items may share a right-hand side (two messages suit the same network).
            if right_text not in rights:
                rights[right_text] = {"key": keys.new("r"), "text": right_text}
            lefts.append({"key": keys.new("l"), "text": _text(pair.get("left")), "answer": rights[right_text]["key"]})
        spec["lefts"] = _shuffled(lefts, options_rng)
        spec["rights"] = _shuffled(list(rights.values()), rng)
    elif block_type == "short_answer":
        accepted = [_text(text) for text in _list_values(value.get("accepted"))]
        accepted = [text for text in accepted if text]
        if not accepted:
            raise ValueError("A short-answer question needs at least one accepted answer.")
        spec["accepted"] = accepted
        spec["max_length"] = SHORT_ANSWER_MAX_LENGTH
    elif block_type == "writing":
        spec["model_answer"] = _text(value.get("model_answer"))
        spec["rubric"] = [
            {"criterion": _text(row.get("criterion")), "points": _points(row.get("points"))}
            for row in _list_values(value.get("rubric"))
            if isinstance(row, Mapping)
        ]
        max_length = value.get("max_length") or WRITING_MAX_LENGTH
        try:
            max_length = int(max_length)
        except (TypeError, ValueError):
            max_length = WRITING_MAX_LENGTH
        spec["max_length"] = max(1, min(max_length, WRITING_MAX_LENGTH_LIMIT))
    return spec


def snapshot_build(
    *,
    entries: Sequence[Mapping[str, Any]],
    rng: random.Random,
    draw_count: int | None = None,
    shuffle_questions: bool = False,
    shuffle_options: bool = False,
) -> list[dict[str, Any]]:
    """The questions of a new attempt, drawn, ordered and keyed; invalid questions are left out.

    ``entries`` are ``{"id", "type", "value", "bank_item_id"}`` mappings in the quiz's order.
    """
    specs = []
    for entry in entries:
        try:
            specs.append(
                question_spec_build(
                    question_id=entry["id"],
                    block_type=entry["type"],
                    value=entry["value"],
                    rng=rng,
                    shuffle_options=shuffle_options,
                    bank_item_id=entry.get("bank_item_id"),
                )
            )
        except ValueError:
            continue
    if draw_count and draw_count < len(specs):
        chosen = sorted(rng.sample(range(len(specs)), draw_count))
        specs = [specs[index] for index in chosen]
    if shuffle_questions:
        rng.shuffle(specs)
    return specs


def question_public(spec: QuestionSpec) -> dict[str, Any]:
    """What the learner may see before submitting: no right answer, feedback or explanation.

    Built by listing what is allowed (never by removing what is not), so a new secret field in a
    spec stays secret.
    """
    public: dict[str, Any] = {
        "id": spec["id"],
        "type": spec["type"],
        "prompt": spec["prompt"],
        "points": spec["points"],
    }
    kind = spec["type"]
    if kind in ("single", "multiple"):
        public["options"] = [{"key": option["key"], "text": option["text"]} for option in spec["options"]]
    elif kind == "best_post":
        public["options"] = [{"key": option["key"], "post": dict(option["post"])} for option in spec["options"]]
    elif kind == "ordering":
        public["items"] = [{"key": item["key"], "text": item["text"]} for item in spec["items"]]
    elif kind == "matching":
        public["lefts"] = [{"key": left["key"], "text": left["text"]} for left in spec["lefts"]]
        public["rights"] = [{"key": right["key"], "text": right["text"]} for right in spec["rights"]]
    elif kind in ("short_answer", "writing"):
        public["max_length"] = spec["max_length"]
    return public


def _chosen_keys(answer: Any) -> set[str]:
    if isinstance(answer, str):
        return {answer}
    if isinstance(answer, list | tuple | set):
        return {str(item) for item in answer}
    return set()


def question_review_build(
    *, spec: QuestionSpec, answer: Any, result: QuestionResult | None, reveal: bool, number: int
) -> dict[str, Any]:
    """What the review page shows for one question; right answers, feedback and explanations only if ``reveal``."""
    kind = spec["type"]
    row: dict[str, Any] = {
        "id": spec["id"],
        "number": number,
        "type": kind,
        "prompt": spec["prompt"],
        "points": result.points if result else None,
        "max_points": result.max_points if result else spec["points"],
        "status": result.status if result else Status.UNANSWERED,
        "reveal": reveal,
        "explanation": spec.get("explanation", "") if reveal else "",
        "answered": answer not in (None, "", [], {}),
    }
    if kind in ("single", "multiple", "best_post"):
        chosen = _chosen_keys(answer)
        options = []
        for option in spec["options"]:
            is_chosen = option["key"] in chosen
            shown = {"chosen": is_chosen, "text": option.get("text", ""), "post": option.get("post")}
            if reveal:
                shown["correct"] = option["correct"]
                shown["feedback"] = option["feedback"] if (is_chosen or option["correct"]) else ""
            options.append(shown)
        row["options"] = options
    elif kind == "true_false":
        chosen_value = {"true": True, "false": False}.get(answer) if isinstance(answer, str) else None
        row["chosen"] = chosen_value
        if reveal:
            row["right"] = spec["answer"]
            if chosen_value is True:
                row["feedback"] = spec.get("feedback_true", "")
            elif chosen_value is False:
                row["feedback"] = spec.get("feedback_false", "")
    elif kind == "ordering":
        texts = {item["key"]: item["text"] for item in spec["items"]}
        given = answer if isinstance(answer, Mapping) else {}
        placed = []
        for item in spec["items"]:
            try:
                position = int(given.get(item["key"]))
            except (TypeError, ValueError):
                position = None
            placed.append((position if position is not None else len(texts) + 1, item["text"], position))
        row["given_order"] = [{"text": text, "position": position} for _sort, text, position in sorted(placed)]
        if reveal:
            row["right_order"] = [texts[key] for key in spec["correct_order"]]
    elif kind == "matching":
        rights = {right["key"]: right["text"] for right in spec["rights"]}
        given = answer if isinstance(answer, Mapping) else {}
        pairs = []
        for left in spec["lefts"]:
            chosen_key = given.get(left["key"])
            pair = {"left": left["text"], "chosen": rights.get(chosen_key, "")}
            if reveal:
                pair["right"] = rights.get(left["answer"], "")
                pair["is_right"] = chosen_key == left["answer"]
            pairs.append(pair)
        row["pairs"] = pairs
    elif kind in ("short_answer", "writing"):
        row["text"] = answer if isinstance(answer, str) else ""
        if reveal and kind == "short_answer":
            row["accepted"] = list(spec["accepted"])
        if kind == "writing":
            # Once submitted, the learner always sees the model answer and the rubric the trainer will use.
            row["model_answer"] = spec.get("model_answer", "")
            row["rubric"] = list(spec.get("rubric", ()))
    return row

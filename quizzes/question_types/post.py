"""Write a post: the learner writes a real post for a network, the studio's checker reports, a trainer grades it.

Answer: ``{"text", "alt_text", "credit", "report"}``. The three texts are what the learner typed (hashtags and
mentions are written in the text); ``report`` is the checker's checklist computed on the server when the form
is read (``clean``), stored with the answer so the trainer sees exactly what the learner saw. Graded
``pending_review`` until a trainer gives the points with the rubric, as for writing exercises. There is no
single right answer: the rubric and the example post stay on the server until the trainer has reviewed.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from core.validation import CONTROL_CHARACTERS, text_clean
from studio.checker import Brief
from studio.checklist import (
    ALT_TEXT_MAX_LENGTH,
    CREDIT_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    draft_check,
    network_rules,
    preview_card,
    report_data_is_valid,
)
from studio.networks import NETWORKS

from .base import (
    AnswerSource,
    AnswerValue,
    BuildContext,
    ContentReader,
    JSONDict,
    QuestionSpec,
    QuestionType,
    SourceMapping,
    field_name,
    list_values,
    positive_points,
    text,
)

FIELDS = ("text", "alt_text", "credit")
MAX_LENGTHS = {"text": TEXT_MAX_LENGTH, "alt_text": ALT_TEXT_MAX_LENGTH, "credit": CREDIT_MAX_LENGTH}
DEFAULT_ACCOUNT_NAME = "Musée de l’Estuaire"
DEFAULT_HANDLE = "@musee_estuaire"
# What the learner may see before submitting: the brief and the rules the checker applies, never the rubric.
PUBLIC_FIELDS = (
    "brief",
    "network",
    "account_name",
    "handle",
    "image_description",
    "has_image",
    "shows_artwork",
    "requires_tracking",
)


def _brief(spec: QuestionSpec) -> Brief:
    return Brief(
        has_image=bool(spec.get("has_image")),
        shows_artwork=bool(spec.get("shows_artwork")),
        requires_tracking=bool(spec.get("requires_tracking")),
    )


def post_fields(spec: QuestionSpec) -> tuple[str, ...]:
    """The fields the learner fills: the text, plus the alt text and the credit line when the brief asks."""
    return tuple(
        key
        for key in FIELDS
        if key == "text"
        or (key == "alt_text" and spec.get("has_image"))
        or (key == "credit" and spec.get("shows_artwork"))
    )


def post_answer_texts(answer: Any) -> dict[str, str]:
    """The three texts of a stored answer ("" for what is missing or unreadable)."""
    mapping: Mapping[str, Any] = answer if isinstance(answer, Mapping) else {}
    return {key: mapping[key] if isinstance(mapping.get(key), str) else "" for key in FIELDS}


class Post(QuestionType):
    name = "post"
    form_template = "quizzes/includes/question_post.html"
    review_template = "quizzes/includes/review/post.html"
    loader_required = ("brief", "network", "rubric")
    loader_optional = (
        "account_name",
        "handle",
        "image_description",
        "shows_artwork",
        "requires_tracking",
        "model_answer",
    )
    is_reviewed = True

    # -- spec and what the learner may see ---------------------------------------------------------

    def spec_build(self, *, value: Mapping[str, Any], context: BuildContext) -> JSONDict:
        if value.get("network") not in NETWORKS:
            raise ValueError("The post question names a network the studio does not know.")
        brief = text(value.get("brief"))
        if not brief:
            raise ValueError("The post question has no brief.")
        image_description = text(value.get("image_description"))
        return {
            "brief": brief,
            "network": value["network"],
            "account_name": text(value.get("account_name")) or DEFAULT_ACCOUNT_NAME,
            "handle": text(value.get("handle")) or DEFAULT_HANDLE,
            "image_description": image_description,
            "has_image": bool(image_description),
            "shows_artwork": bool(value.get("shows_artwork")),
            "requires_tracking": bool(value.get("requires_tracking")),
            "rubric": [
                {"criterion": text(row.get("criterion")), "points": positive_points(row.get("points"))}
                for row in list_values(value.get("rubric"))
                if isinstance(row, Mapping)
            ],
            "model_answer": text(value.get("model_answer")),
        }

    def public(self, spec: QuestionSpec) -> JSONDict:
        return {key: spec.get(key) for key in PUBLIC_FIELDS}

    # -- the attempt form ---------------------------------------------------------------------------

    def field_keys(self, question: QuestionSpec) -> tuple[str, ...]:
        return post_fields(question)

    def clean(self, *, question: QuestionSpec, source: AnswerSource) -> AnswerValue:
        keys = post_fields(question)
        raw = {key: source.one(field_name(question["id"], key)).replace("\r\n", "\n") for key in keys}
        # Re-shown as typed, minus the characters we refuse, so the learner loses nothing else.
        source.keep(question["id"], {key: CONTROL_CHARACTERS.sub("", value) for key, value in raw.items()})
        values = {}
        for key in keys:
            try:
                values[key] = text_clean(raw[key], max_length=MAX_LENGTHS[key]).strip()
            except ValidationError as error:
                raise ValueError(error.messages[0]) from None
        if not any(values.values()):
            return None
        if not values["text"]:
            raise ValueError(_("Write the text of your post."))
        network = network_rules(question.get("network"))
        if network is None:
            raise ValueError(_("This answer is not valid."))
        answer: dict[str, Any] = {key: values.get(key, "") for key in FIELDS}
        # Computed here, on the server, and stored with the answer: what the trainer reads is what the learner saw.
        answer["report"] = draft_check(
            text=answer["text"],
            alt_text=answer["alt_text"],
            credit=answer["credit"],
            network=network,
            brief=_brief(question),
        )
        return answer

    def form_row(self, *, question: QuestionSpec, raw: Any) -> JSONDict:
        values = post_answer_texts(raw)
        labels = {
            "text": (_("Your post"), _("Write hashtags and mentions in the text, where they belong.")),
            "alt_text": (
                _("Alternative text of the image"),
                _("What the image shows, for people who cannot see it."),
            ),
            "credit": (
                _("Credit line"),
                _("Artist, title, date, © or « domaine public », photographer."),
            ),
        }
        fields = [
            {
                "key": key,
                "name": field_name(question["id"], key),
                "input_id": f"{question['id']}-{key}",
                "label": labels[key][0],
                "help": labels[key][1],
                "value": values[key],
                "max_length": MAX_LENGTHS[key],
                "multiline": key != "credit",
            }
            for key in post_fields(question)
        ]
        network = network_rules(question.get("network"))
        row: JSONDict = {"post_fields": fields}
        if network is not None:
            row["network"] = {
                "label": network.label,
                "max_length": network.max_length,
                "counting": str(network.counting),
                "max_hashtags": network.max_hashtags,
            }
        # After a « check my post » (or a refused form), the checklist of what was typed, computed on the server.
        if isinstance(raw, Mapping) and values["text"].strip() and network is not None:
            row["checklist"] = draft_check(
                text=values["text"].strip(),
                alt_text=values["alt_text"].strip(),
                credit=values["credit"].strip(),
                network=network,
                brief=_brief(question),
            )
        return row

    # -- grading and review ----------------------------------------------------------------------------

    def grade(self, *, spec: QuestionSpec, answer: AnswerValue) -> Fraction | None:
        """A post waits for a trainer's review; anything else earns nothing."""
        return None if post_answer_texts(answer)["text"].strip() else Fraction(0)

    def right_answer(self, spec: QuestionSpec) -> AnswerValue:
        """The example post when there is one (else the brief), for the answer key and tests."""
        return {
            "text": str(spec.get("model_answer") or spec.get("brief", "")),
            "alt_text": str(spec.get("image_description", "")) if spec.get("has_image") else "",
            "credit": "",
        }

    def review(self, *, spec: QuestionSpec, answer: Any, reveal: bool) -> JSONDict:
        texts = post_answer_texts(answer)
        network = network_rules(spec.get("network"))
        report = answer.get("report") if isinstance(answer, Mapping) else None
        return {
            **texts,
            "brief": spec.get("brief", ""),
            "has_image": bool(spec.get("has_image")),
            "shows_artwork": bool(spec.get("shows_artwork")),
            "network_label": network.label if network else spec.get("network", ""),
            "post": (
                preview_card(
                    network=network,
                    text=texts["text"],
                    alt_text=texts["alt_text"],
                    account_name=str(spec.get("account_name", "")),
                    handle=str(spec.get("handle", "")),
                    image_description=str(spec.get("image_description", "")),
                )
                if network is not None and texts["text"]
                else None
            ),
            "checklist": copy.deepcopy(report) if report_data_is_valid(report) else None,
            # The templates show these to the learner only once a trainer has reviewed the post.
            "rubric": list(spec.get("rubric", ())),
            "model_answer": spec.get("model_answer", ""),
        }

    # -- content loader -------------------------------------------------------------------------------

    def loader_value(self, *, reader: ContentReader, data: SourceMapping, path: Path) -> JSONDict:
        network = str(data["network"])
        if network not in NETWORKS:
            reader.error(path, data.line_of("network"), f"network « {network} » is not one the post studio knows")
        value: JSONDict = {
            "brief": reader.plain(data["brief"]),
            "network": network,
            "rubric": [
                {"criterion": reader.plain(row["criterion"]), "points": row.get("points", 1)}
                for row in reader.entries(data, "rubric", path, required=("criterion",), optional=("points",))
            ],
            "shows_artwork": bool(data.get("shows_artwork", False)),
            "requires_tracking": bool(data.get("requires_tracking", False)),
        }
        for key in ("account_name", "handle", "image_description", "model_answer"):
            if data.get(key):
                value[key] = reader.plain(data[key])
        return value

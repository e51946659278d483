"""Choose the best post: the options are social-media posts shown as cards, one or more of them right.

Answer: the key of the chosen post.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .base import ContentReader, JSONDict, SourceMapping, json_safe
from .choice import ChoiceQuestionType

POST_FIELDS = ("network", "account_name", "handle", "text", "image", "image_alt", "date")


class BestPost(ChoiceQuestionType):
    name = "best_post"
    form_template = "quizzes/includes/question_best_post.html"
    loader_option_keys = ("post",)

    def option_content(self, raw_option: Mapping[str, Any]) -> JSONDict:
        raw_post = raw_option.get("post")
        post: Mapping[str, Any] = raw_post if isinstance(raw_post, Mapping) else {}
        return {"post": {field: json_safe(post.get(field)) for field in POST_FIELDS}}

    def option_public(self, option: Mapping[str, Any]) -> JSONDict:
        return {"key": option["key"], "post": dict(option["post"])}

    def loader_option(self, *, reader: ContentReader, entry: SourceMapping, path: Path) -> JSONDict:
        post = reader.mapping(entry["post"], path, entry.line_of("post"), "« post »")
        return {"post": reader.post_content(post, path) if post is not None else None}

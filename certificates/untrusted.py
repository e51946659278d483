"""Bounds on credentials uploaded by anyone, checked before any JSON-LD processing (issue 14, section 1).

The public verification page canonicalises what it is given, and RDFC-1.0 can be made to run for
minutes by a 1.6 KB document. Only credentials shaped like the ones this platform issues are worth
canonicalising, so everything else is refused early, cheaply and with a reason: size, nesting depth,
number lengths, node count, `@graph`, contexts other than ours, too many blank nodes.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext as _

MAX_BYTES = 64 * 1024
MAX_DEPTH = 20
MAX_NUMBER_CHARS = 30
MAX_NODES = 2000
MAX_BLANK_NODES = 32


class UntrustedInputError(ValueError):
    """The upload is refused before any processing; the message is shown to the visitor."""


def _nesting_depth(text: str) -> int:
    """Deepest bracket nesting outside strings, computed without recursion (json.loads would overflow)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > MAX_DEPTH:
                    return deepest
        elif char in "]}":
            depth -= 1
    return deepest


def _number(kind):
    def parse(text: str):
        if len(text) > MAX_NUMBER_CHARS:
            raise UntrustedInputError(_("The file contains a number that is too long."))
        return kind(text)

    return parse


def _refuse_constant(name: str):
    raise UntrustedInputError(_("The file contains a value that is not valid JSON (%(name)s).") % {"name": name})


def credential_json_parse(raw: bytes) -> object:
    """The uploaded bytes as JSON, or UntrustedInputError if too large, too deep or with huge numbers."""
    if len(raw) > MAX_BYTES:
        raise UntrustedInputError(_("The file is too large: a credential is at most 64 KB."))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UntrustedInputError(_("The file is not valid JSON.")) from exc
    if _nesting_depth(text) > MAX_DEPTH:
        raise UntrustedInputError(_("The file is nested too deeply to be a credential."))
    try:
        return json.loads(
            text,
            parse_int=_number(int),
            parse_float=_number(float),
            parse_constant=_refuse_constant,
        )
    except (json.JSONDecodeError, RecursionError) as exc:
        raise UntrustedInputError(_("The file is not valid JSON.")) from exc


def _walk(value: object, counts: dict) -> None:
    """Count nodes and blank nodes; refuse @graph and embedded contexts anywhere."""
    stack = [value]
    while stack:
        item = stack.pop()
        counts["nodes"] += 1
        if counts["nodes"] > MAX_NODES:
            raise UntrustedInputError(_("The file has too many elements to be a credential."))
        if isinstance(item, dict):
            if "@graph" in item:
                raise UntrustedInputError(_("The file contains @graph, which credentials of this platform never use."))
            if "@context" in item and item is not value:
                raise UntrustedInputError(_("The file contains an embedded @context."))
            if "id" not in item and "@id" not in item:
                counts["blank"] += 1
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    if counts["blank"] > MAX_BLANK_NODES:
        raise UntrustedInputError(_("The file has too many anonymous nodes to be a credential."))


def credential_shape_check(document: object, *, contexts: list[str]) -> dict[str, Any]:
    """Refuse whatever is not shaped like an OpenBadgeCredential of this platform (UntrustedInputError).

    Returns the document, now known to be a JSON object."""
    if not isinstance(document, dict):
        raise UntrustedInputError(_("The file is not a JSON object."))
    if document.get("@context") != contexts:
        raise UntrustedInputError(_("The file does not use the contexts of this platform's credentials."))
    types = document.get("type")
    if not isinstance(types, list) or "OpenBadgeCredential" not in types:
        raise UntrustedInputError(_("The file is not an Open Badges credential."))
    for key in ("credentialSubject", "proof", "issuer"):
        if not isinstance(document.get(key), dict):
            raise UntrustedInputError(_("The file is not an Open Badges credential."))
    _walk(document, {"nodes": 0, "blank": 0})
    return document

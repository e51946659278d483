"""Read the attempt form and the CSRF token as a browser would, for the load test (``bench/locustfile.py``).

Kept apart from the Locust scenario so that the suite can check it against the real attempt page
(``tests/bench/test_load_forms.py``) without Locust installed.
"""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

WRITING_ANSWER = (
    "Je réponds d'abord en public, avec courtoisie, puis je propose de poursuivre en message privé. "
    "Je préviens la conservatrice et je note l'échange dans le tableau de suivi."
)


class AttemptFormParser(HTMLParser):
    """Collect the answer fields of each question fieldset of the attempt form (``quizzes/attempt_page.html``)."""

    def __init__(self) -> None:
        super().__init__()
        self.questions: list[dict] = []
        self._question: dict | None = None
        self._select: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "fieldset" and (attributes.get("id") or "").startswith("question-"):
            self._question = {"radio": {}, "checkbox": {}, "text": [], "textarea": [], "select": []}
            self.questions.append(self._question)
            return
        if self._question is None:
            return
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("radio", "checkbox"):
                self._question[kind].setdefault(name, []).append(attributes.get("value", "on"))
            elif kind == "text":
                self._question["text"].append((name, int(attributes.get("maxlength") or 200)))
        elif tag == "textarea" and name:
            self._question["textarea"].append((name, int(attributes.get("maxlength") or 2000)))
        elif tag == "select" and name:
            self._select = (name, [])
            self._question["select"].append(self._select)
        elif tag == "option" and self._select is not None and attributes.get("value"):
            self._select[1].append(attributes["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "fieldset":
            self._question = None


def answers_build(html: str) -> list[tuple[str, str]]:
    """A complete, valid (not necessarily right) answer to every question of the attempt form."""
    parser = AttemptFormParser()
    parser.feed(html)
    data: list[tuple[str, str]] = []
    for question in parser.questions:
        for name, values in question["radio"].items():
            data.append((name, random.choice(values)))
        for name, values in question["checkbox"].items():
            data.extend((name, value) for value in random.sample(values, random.randint(1, len(values))))
        for name, max_length in question["text"]:
            data.append((name, "communauté"[:max_length]))
        for name, max_length in question["textarea"]:
            data.append((name, WRITING_ANSWER[:max_length]))
        selects = question["select"]
        positions = [str(position) for position in range(1, len(selects) + 1)]
        if selects and all(set(values) == set(positions) for _, values in selects):
            # Ordering: each step gets a different position.
            data.extend(zip((name for name, _ in selects), random.sample(positions, len(positions)), strict=True))
        else:
            # Matching: any right-hand item for each left-hand one.
            data.extend((name, random.choice(values)) for name, values in selects)
    return data


def csrf_token(html: str) -> str | None:
    match = CSRF_RE.search(html)
    return match.group(1) if match else None

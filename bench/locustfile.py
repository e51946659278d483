"""Locust scenario: learners sign in, read lessons, take a module quiz, submit it and read their result.

Run by ``bench/load_test.sh`` (which prepares the database, the accounts and ``var/bench/targets.json``
with ``bench/load_prepare.py``). Each simulated learner signs in once with its own account
(``learner-<n>@bench.test``), then repeats a journey, pausing between pages as a reader would:

    dashboard → lesson → « Marquer comme terminée » → quiz page → start → attempt form → submit → result

Requests are named by kind so that Locust groups them: page views are GETs of HTML pages (``page: …``),
actions are form posts (``action: …``), each posted without following its redirect so that the page it
leads to is measured as a page view of its own. A response counts as a failure when its status or
content is not what a browser would get on success: a login sent back to the form, an attempt form
re-displayed with errors, a missing button. The guide's module quizzes have no attempt limit and no
wait between attempts; should a quiz page offer no start button (a limit set by a trainer), the learner
takes the next quiz instead: that page is an expected 200, not a failure.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import random
import re
import sys
from pathlib import Path

from locust import HttpUser, between, events, task

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.load_forms import answers_build, csrf_token

TARGETS_PATH = Path(os.environ.get("LOAD_TARGETS", Path(__file__).resolve().parents[1] / "var/bench/targets.json"))
PASSWORD = os.environ.get("LOAD_PASSWORD", "")
TARGETS = json.loads(TARGETS_PATH.read_text(encoding="utf-8"))
SUMMARY_PATH = os.environ.get("LOAD_SUMMARY")
_account_numbers = itertools.count()
_page_view_times: list[float] = []

START_RE = re.compile(r'<form method="post" action="(/quiz/\d+/commencer/)"')
CONTINUE_RE = re.compile(r'href="(/quiz/tentative/\d+/)"')
LESSON_DONE_RE = re.compile(r'action="(/mon-apprentissage/lecons/\d+/terminee/)"')
ATTEMPT_URL_RE = re.compile(r"/quiz/tentative/\d+/$")
RESULT_URL_RE = re.compile(r"/quiz/tentative/\d+/resultat/$")


@events.request.add_listener
def _record_page_view(request_type, name, response_time, exception, **kwargs):
    """Keep every page view's time: Locust's CSV has percentiles per request name, not over all page views."""
    if name.startswith("page: "):
        _page_view_times.append(response_time)


@events.quitting.add_listener
def _write_summary(environment, **kwargs):
    """Write page-view percentiles (ms) for ``bench/load_test.sh`` to print and check."""
    if not SUMMARY_PATH:
        return
    times = sorted(_page_view_times)

    def percentile(fraction: float) -> float:
        return times[max(0, math.ceil(fraction * len(times)) - 1)] if times else 0.0  # nearest rank

    summary = {
        "page_views": len(times),
        "p50_ms": round(percentile(0.50)),
        "p95_ms": round(percentile(0.95)),
        "p99_ms": round(percentile(0.99)),
        "max_ms": round(times[-1]) if times else 0,
    }
    Path(SUMMARY_PATH).write_text(json.dumps(summary), encoding="utf-8")


class Learner(HttpUser):
    """One learner with an account of their own, reading and taking quizzes until the test ends."""

    host = "http://127.0.0.1:8765"
    wait_time = between(1, 3)  # a quick reader: real learners stay minutes on a lesson

    def on_start(self) -> None:
        number = next(_account_numbers) % len(TARGETS["users"])
        self.email = TARGETS["users"][number]
        self.quiz_index = number % len(TARGETS["quizzes"])
        self.signed_in = self.sign_in()

    # -- helpers ---------------------------------------------------------------------------------

    def page(self, url: str, name: str, *, check=None):
        """GET an HTML page; a failure unless it answers 200 and ``check(html)`` (when given) holds."""
        with self.client.get(url, name=f"page: {name}", catch_response=True, allow_redirects=False) as response:
            if response.status_code != 200:
                response.failure(f"{name}: HTTP {response.status_code}")
                return None
            if check is not None and not check(response.text):
                response.failure(f"{name}: the expected content is missing")
                return None
            return response.text

    def action(self, url: str, name: str, data, *, expect: re.Pattern | str):
        """POST a form as a browser does; success is a redirect whose target matches ``expect``."""
        with self.client.post(
            url,
            data=data,
            name=f"action: {name}",
            catch_response=True,
            allow_redirects=False,
            headers={"Referer": self.host + url},
        ) as response:
            location = response.headers.get("Location", "")
            matches = re.search(expect, location) if isinstance(expect, re.Pattern) else location == expect
            if response.status_code != 302 or not matches:
                response.failure(f"{name}: HTTP {response.status_code} to {location or 'no redirect'}")
                return None
            return location

    # -- the journey -----------------------------------------------------------------------------

    def sign_in(self) -> bool:
        html = self.page("/accounts/login/", "login", check=lambda text: "csrfmiddlewaretoken" in text)
        if html is None:
            return False
        self.wait()
        location = self.action(
            "/accounts/login/",
            "login",
            {"csrfmiddlewaretoken": csrf_token(html), "login": self.email, "password": PASSWORD},
            expect="/mon-apprentissage/",
        )
        return location is not None

    @task
    def journey(self) -> None:
        if not self.signed_in:
            self.signed_in = self.sign_in()
            return
        self.page("/mon-apprentissage/", "dashboard")
        self.wait()
        self.read_lesson(random.choice(TARGETS["lessons"]))
        self.wait()
        self.take_quiz()

    def read_lesson(self, lesson: dict) -> None:
        html = self.page(lesson["url"], "lesson", check=lambda text: 'class="lesson-actions' in text)
        if html is None:
            return
        done = LESSON_DONE_RE.search(html)
        if done is None:  # already marked as done in an earlier journey
            return
        self.wait()
        location = self.action(
            done.group(1),
            "lesson done",
            {"csrfmiddlewaretoken": csrf_token(html)},
            expect=re.compile("^" + re.escape(lesson["url"]) + "(#|$)"),
        )
        if location is not None:
            self.page(lesson["url"], "lesson")

    def take_quiz(self) -> None:
        quiz = TARGETS["quizzes"][self.quiz_index]
        self.quiz_index = (self.quiz_index + 1) % len(TARGETS["quizzes"])
        html = self.page(quiz["url"], "quiz", check=lambda text: "quiz-start" in text)
        if html is None:
            return
        start = START_RE.search(html)
        if start is not None:
            self.wait()
            attempt_url = self.action(
                start.group(1), "quiz start", {"csrfmiddlewaretoken": csrf_token(html)}, expect=ATTEMPT_URL_RE
            )
        else:
            resume = CONTINUE_RE.search(html)
            attempt_url = resume.group(1) if resume else None  # no button: a limit set by a trainer
        if attempt_url is None:
            return
        form = self.page(attempt_url, "attempt form", check=lambda text: 'class="quiz-form"' in text)
        if form is None:
            return
        self.wait()
        data = [("csrfmiddlewaretoken", csrf_token(form)), *answers_build(form)]
        result_url = self.action(attempt_url, "quiz submit", data, expect=RESULT_URL_RE)
        if result_url is not None:
            self.page(result_url, "quiz result", check=lambda text: "%" in text)

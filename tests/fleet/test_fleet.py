"""The fleet: nginx in front of two gunicorn app hosts, one task worker, PostgreSQL, Redis and an S3 server.

Everything is started by the project's own script (bin/fleet, as deploy/ describes production) and stopped by
it. A learner and a trainer go through the whole journey, from sign-up to the signed credential, with requests
alternating between the hosts; app host 1 is stopped mid-journey and the journey ends on host 2. Nothing may be
written under either host's var/, the PDF must be in the bucket and every e-mail sent by the worker.
Skipped unless RUN_FLEET_TESTS=1 with PostgreSQL and REDIS_URL.
"""

import email
import http.client
import itertools
import json
import os
import re
import subprocess
import time
import urllib.request
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import boto3
import pytest
import redis
from django.contrib.auth.models import Group
from django.db import connection
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from accounts.models import User
from certificates.credentials import credential_verify
from certificates.models import Certificate
from cohorts.models import Membership
from cohorts.services import cohort_create
from quizzes.grading import answer_right_build
from quizzes.models import Attempt
from tests.factories import make_course, make_quiz, sample_question

pytestmark = [
    pytest.mark.fleet,
    pytest.mark.skipif(os.environ.get("RUN_FLEET_TESTS") != "1", reason="fleet tests run with RUN_FLEET_TESTS=1"),
]

ROOT = Path(__file__).resolve().parents[2]
PORT = int(os.environ.get("FLEET_PORT", "18300"))
HOSTS = {f"127.0.0.1:{PORT + 1}": "host1", f"127.0.0.1:{PORT + 2}": "host2"}
PASSWORD = "un-mot-de-passe-solide-2026"
LEARNER_TEXT = "Merci de votre message : l’ascenseur est réparé, nous vous attendons samedi."


@dataclass
class Fleet:
    dir: Path
    env: dict

    def run(self, command: str, *args: str) -> None:
        subprocess.run(
            [str(ROOT / "bin" / "fleet"), command, str(self.dir), *args],
            cwd=ROOT,
            env=self.env,
            check=True,
            timeout=900,
        )

    def s3(self):
        return boto3.client(
            "s3",
            endpoint_url=f"http://127.0.0.1:{PORT + 3}",
            aws_access_key_id="fleet",
            aws_secret_access_key="fleet-secret",
            region_name="us-east-1",
        )

    def mails(self, who: str) -> list[email.message.Message]:
        return [email.message_from_bytes(path.read_bytes()) for path in sorted((self.dir / "mail" / who).glob("*"))]

    def upstreams(self) -> list[str]:
        """The app host nginx used for each request so far, in order ("a, b" when it had to try a second one)."""
        log = (self.dir / "nginx" / "access.log").read_text()
        return re.findall(r"upstream=(\S+(?:, \S+)*) request_id=", log)


@pytest.fixture
def fleet(transactional_db, tmp_path):
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        pytest.skip("needs PostgreSQL (DATABASE_URL) and Redis (REDIS_URL)")
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        "FLEET_PORT": str(PORT),
        "LOG_LEVEL": "INFO",
    }
    # A fresh cache: allauth's rate limits (one confirmation e-mail per address per 3 minutes) live there.
    redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()
    fleet = Fleet(dir=tmp_path / "fleet", env=env)
    try:
        fleet.run("start")
        yield fleet
    finally:
        fleet.run("stop")


@dataclass
class Visitor:
    """A browser without JavaScript: cookies (Secure ones too: nginx stands for the TLS proxy), CSRF, redirects."""

    cookies: dict = field(default_factory=dict)
    history: list = field(default_factory=list)  # (method, path, status, request id)
    last_headers: object = None

    def request(
        self, method: str, path: str, data: dict | None = None, *, files: dict | None = None, expect: int = 200
    ) -> tuple[int, str, bytes]:
        content_type = "application/x-www-form-urlencoded"
        body = urlencode(data or {}, doseq=True).encode() if method == "POST" else None
        if files:
            content_type, body = _multipart(data or {}, files)
        for _hop in range(8):
            conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
            headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
            if method == "POST":
                headers |= {
                    "Content-Type": content_type,
                    "Origin": f"https://127.0.0.1:{PORT}",
                    "Referer": f"https://127.0.0.1:{PORT}{path}",
                    "X-CSRFToken": self.cookies.get("csrftoken", ""),
                }
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            content = response.read()
            conn.close()
            self.last_headers = response.headers
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    if morsel["max-age"] == "0" or not morsel.value:
                        self.cookies.pop(name, None)
                    else:
                        self.cookies[name] = morsel.value
            self.history.append((method, path, response.status, response.headers.get("X-Request-ID")))
            assert response.status < 500, f"{method} {path} answered {response.status}"
            if response.status in (301, 302, 303) and expect != response.status:
                location = urlsplit(response.headers["Location"])
                path = location.path + (f"?{location.query}" if location.query else "")
                method, body = "GET", None
                continue
            assert response.status == expect, f"{method} {path} answered {response.status}, expected {expect}"
            return response.status, path, content
        raise AssertionError("too many redirects")

    def get(self, path: str, **kwargs) -> str:
        return self.request("GET", path, **kwargs)[2].decode()

    def post(self, path: str, data: dict, **kwargs) -> tuple[int, str, bytes]:
        self.get(path if kwargs.pop("form_here", True) else "/")  # the form's page first: it sets the CSRF cookie
        return self.request("POST", path, data, **kwargs)


def _multipart(data: dict, files: dict[str, tuple[str, bytes]]) -> tuple[str, bytes]:
    boundary = "----lumiere-fleet-boundary"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in data.items()
    ]
    for name, (filename, content) in files.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
        parts.append(f"{head}Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
    return f"multipart/form-data; boundary={boundary}", b"".join(parts) + f"--{boundary}--\r\n".encode()


def _sign_up(visitor: Visitor, fleet: Fleet, *, email_address: str, name: str, role: str) -> None:
    """Sign up through the form, then follow the link of the confirmation e-mail (queued, sent by the worker)."""
    _status, landed, _ = visitor.post(
        "/accounts/signup/",
        {"email": email_address, "full_name": name, "role": role, "password1": PASSWORD, "password2": PASSWORD},
    )
    assert landed.startswith("/accounts/confirm-email/")
    message = _wait_for(lambda: next((m for m in fleet.mails("worker") if email_address in m["To"]), None))
    link = re.search(r"https?://\S+(/accounts/confirm-email/\S+/)", _text(message)).group(1)
    _status, landed, _ = visitor.post(link, {})
    assert landed == "/mon-apprentissage/"


def _text(message: email.message.Message) -> str:
    """Every text part of an e-mail, decoded."""
    return "".join(
        part.get_payload(decode=True).decode(part.get_content_charset() or "utf-8")
        for part in message.walk()
        if part.get_content_maintype() == "text"
    )


def _wait_for(condition, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.25)
    raise AssertionError(f"still waiting after {seconds} s")


def _files_under(directory: Path) -> list[str]:
    return sorted(str(path.relative_to(directory)) for path in directory.rglob("*") if path.is_file())


def test_a_learner_journey_across_two_app_hosts_survives_losing_one(fleet, settings):
    # This process checks what the fleet produced as one of its hosts would: same key, same public address.
    settings.CREDENTIAL_SIGNING_KEY_PATH = fleet.dir / "secrets" / "credential-signing-key.pem"
    settings.BASE_URL = f"http://127.0.0.1:{PORT}"
    course = make_course(modules=1, lessons=1, title="Écrire pour le musée", slug="ecrire")
    module = course.get_children().first()
    lesson = module.get_children().live().first().specific
    quiz = make_quiz(module, title="Quiz d’écriture", questions=[sample_question("single"), sample_question("writing")])

    learner, trainer = Visitor(), Visitor()
    _sign_up(learner, fleet, email_address="lea@musee.test", name="Léa Martin", role="community_manager")
    _sign_up(trainer, fleet, email_address="ines@lumiere.test", name="Inès Formatrice", role="trainer")
    # An administrator makes Inès a trainer of a cohort Léa belongs to (the admin screens have their own tests).
    ines, lea = User.objects.get(email="ines@lumiere.test"), User.objects.get(email="lea@musee.test")
    ines.groups.add(Group.objects.get(name="Formateurs"))
    cohort = cohort_create(name="Musées du littoral", created_by=ines)
    Membership.objects.create(cohort=cohort, user=lea)

    # Lessons and quiz, each request going to the next host in turn.
    assert "Leçon 1.1" in learner.get(lesson.url)
    learner.post(f"/mon-apprentissage/lecons/{lesson.pk}/terminee/", {}, form_here=False)
    learner.get(quiz.url)
    _status, attempt_path, _ = learner.post(f"/quiz/{quiz.pk}/commencer/", {}, form_here=False)
    attempt = Attempt.objects.get(pk=int(re.search(r"/tentative/(\d+)/", attempt_path).group(1)))
    answers = {
        f"q-{spec['id']}": LEARNER_TEXT if spec["type"] == "writing" else answer_right_build(question=spec)
        for spec in attempt.snapshot
    }
    learner.post(attempt_path, answers)
    assert "en attente de correction" in learner.get("/mon-apprentissage/")

    before_stop = fleet.upstreams()
    assert set(before_stop) == set(HOSTS), before_stop  # both hosts served the journey so far
    assert any(a != b for a, b in itertools.pairwise(before_stop))  # requests alternated

    fleet.run("stop-one", "host1")  # host 1 goes away mid-journey
    served_before = len(before_stop)

    # The trainer grades the text on the remaining host; the worker e-mails Léa and renders the PDF.
    writing_id = next(spec["id"] for spec in attempt.snapshot if spec["type"] == "writing")
    review_path = reverse("cohorts_admin:review", args=[attempt.pk])
    trainer.post(
        review_path, {"question_id": writing_id, f"q-{writing_id}-points": "4", f"q-{writing_id}-feedback": "Parfait."}
    )
    certificate = _wait_for(lambda: Certificate.objects.filter(user=lea, revoked_at__isnull=True).first())
    certificate = _wait_for(lambda: Certificate.objects.filter(pk=certificate.pk).exclude(pdf="").first())
    _wait_for(lambda: [m for m in fleet.mails("worker") if "lea@musee.test" in m["To"] and "Parfait." in _text(m)])
    assert fleet.mails("hosts") == []  # app hosts only queue e-mails: every one was sent by the worker

    page = learner.get(certificate.get_absolute_url())
    assert "Léa Martin" in page
    pdf = learner.request("GET", f"{certificate.get_absolute_url()}certificat.pdf")[2]
    credential = json.loads(learner.request("GET", f"{certificate.get_absolute_url()}open-badge.json")[2])
    assert "valide" in Visitor().get(f"/certificats/verifier/{certificate.public_id}/").lower()

    # Every request after the stop was served by host 2 (nginx may first have tried host 1 and moved on).
    after_stop = fleet.upstreams()[served_before:]
    assert after_stop and all(upstream.endswith(f":{PORT + 2}") for upstream in after_stop), after_stop
    assert all(status < 500 for _m, _p, status, _id in learner.history + trainer.history)
    assert all(re.fullmatch(r"[0-9a-f]{32}", rid or "") for *_rest, rid in learner.history + trainer.history)

    # A trainer's upload goes to the bucket's media/ prefix; the public link is a short-lived signed URL.
    collection = Collection.get_first_root_node()
    trainer.post(
        "/admin/documents/add/",
        {"title": "Charte de modération", "collection": collection.pk},
        files={"file": ("charte.txt", b"Respecter chaque visiteur.")},
    )
    document = get_document_model().objects.get(title="Charte de modération")
    assert fleet.s3().get_object(Bucket="lumiere-fleet", Key=f"media/{document.file.name}")["Body"].read() == (
        b"Respecter chaque visiteur."
    )
    anonymous = Visitor()
    anonymous.request("GET", document.url, expect=302)
    signed_url = anonymous.last_headers["Location"]
    assert signed_url.startswith(f"http://127.0.0.1:{PORT + 3}/lumiere-fleet/media/documents/")
    assert "X-Amz-Signature=" in signed_url and "X-Amz-Expires=3600" in signed_url
    with urllib.request.urlopen(signed_url, timeout=10) as response:
        assert response.read() == b"Respecter chaque visiteur."

    # Host 2's log is JSON, and the line about the certificate carries the id of the trainer's request.
    lines = [json.loads(line) for line in (fleet.dir / "host2.log").read_text().splitlines() if line.startswith("{")]
    issued = next(line for line in lines if line["message"].startswith(f"Certificate {certificate.public_id} issued"))
    review_post = next(
        rid for method, path, _status, rid in trainer.history if method == "POST" and path == review_path
    )
    assert issued["request_id"] == review_post

    # The PDF is in the bucket, private, and it is what the learner downloaded.
    stored = fleet.s3().get_object(Bucket="lumiere-fleet", Key=f"private/{certificate.pdf.name}")["Body"].read()
    assert pdf.startswith(b"%PDF-") and stored == pdf
    assert credential_verify(credential).is_valid

    # Stateless hosts: nothing written on their disks.
    for name in ("host1", "host2", "worker"):
        assert _files_under(fleet.dir / name / "var") == [], name

    _backup_wipe_restore_drill(fleet, certificate=certificate, credential=credential, pdf=pdf)


def _backup_wipe_restore_drill(fleet: Fleet, *, certificate, credential: dict, pdf: bytes) -> None:
    """bin/backup, then the database, the bucket and the key are lost; bin/restore brings the certificate back."""
    fleet.run("stop-one", "host2")
    fleet.run("stop-one", "worker")
    backup = fleet.dir / "backup"
    fleet.run("run", "bin/backup", str(backup))

    with connection.cursor() as cursor:
        cursor.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
    s3 = fleet.s3()
    objects_before = {item["Key"]: item["ETag"] for item in s3.list_objects_v2(Bucket="lumiere-fleet")["Contents"]}
    for item in s3.list_objects_v2(Bucket="lumiere-fleet").get("Contents", []):
        s3.delete_object(Bucket="lumiere-fleet", Key=item["Key"])
    (fleet.dir / "secrets" / "credential-signing-key.pem").unlink()
    assert s3.list_objects_v2(Bucket="lumiere-fleet").get("KeyCount") == 0

    fleet.run("run", "bin/restore", str(backup), "--apply")

    assert credential_verify(credential).is_valid
    objects_after = {item["Key"]: item["ETag"] for item in s3.list_objects_v2(Bucket="lumiere-fleet")["Contents"]}
    assert objects_after == objects_before  # the uploaded document (media/) and the PDF (private/), byte for byte
    restored = Certificate.objects.get(public_id=certificate.public_id)
    assert s3.get_object(Bucket="lumiere-fleet", Key=f"private/{restored.pdf.name}")["Body"].read() == pdf

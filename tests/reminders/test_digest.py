"""The weekly stale-content e-mail: stale lessons listed for trainers and administrators, nothing when all is fresh."""

import datetime
import io

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from lessons.models import LessonPage
from reminders.models import StaleContentDigest
from reminders.services import stale_content_digest_enqueue, stale_content_digest_send
from studio.models import PlatformFacts
from studio.networks import Counting
from tests.factories import TrainerFactory, UserFactory, make_course

TODAY = datetime.date(2026, 12, 7)  # a Monday


@pytest.fixture
def lessons(db):
    make_course(modules=1, lessons=3)
    lessons = list(LessonPage.objects.order_by("path"))
    LessonPage.objects.update(reviewed_on=TODAY - datetime.timedelta(days=30))  # fresh
    LessonPage.objects.filter(pk=lessons[0].pk).update(reviewed_on=datetime.date(2025, 6, 2))  # stale
    LessonPage.objects.filter(pk=lessons[1].pk).update(reviewed_on=None)  # never checked
    return lessons


@pytest.fixture
def trainer(db):
    return TrainerFactory(full_name="Anne Formatrice")


def test_trainers_and_administrators_get_the_stale_lessons_with_their_edit_links(lessons, trainer):
    admin = get_user_model().objects.create_superuser(email="admin@musee.test", password="x" * 12, full_name="Admin")
    learner = UserFactory()

    assert stale_content_digest_enqueue(today=TODAY)

    assert sorted(message.to[0] for message in mail.outbox) == sorted([trainer.email, admin.email])
    assert learner.email not in [message.to[0] for message in mail.outbox]
    message = next(m for m in mail.outbox if m.to == [trainer.email])
    assert message.subject == "2\u00a0contenus à revérifier"
    assert "Bonjour Anne," in message.body
    assert "Leçons" in message.body
    assert f"{lessons[0].title} — vérifié le 2 juin 2025" in message.body
    assert f"{lessons[1].title} — jamais vérifié" in message.body
    assert lessons[2].title not in message.body
    assert "http://testserver" + reverse("wagtailadmin_pages:edit", args=[lessons[0].pk]) in message.body


def test_nothing_is_sent_when_nothing_is_stale(lessons, trainer):
    LessonPage.objects.update(reviewed_on=TODAY)

    assert not stale_content_digest_enqueue(today=TODAY)
    assert stale_content_digest_send.call(today=TODAY.isoformat()) == {"skipped": "nothing stale"}
    assert mail.outbox == []


def test_the_digest_goes_once_a_week_to_each_recipient(lessons, trainer):
    stale_content_digest_send.call(today=TODAY.isoformat())
    stale_content_digest_send.call(today=(TODAY + datetime.timedelta(days=3)).isoformat())
    assert len(mail.outbox) == 1

    stale_content_digest_send.call(today=(TODAY + datetime.timedelta(days=7)).isoformat())
    assert len(mail.outbox) == 2
    assert StaleContentDigest.objects.filter(user=trainer).count() == 2


def test_a_trainer_with_an_unverified_address_gets_nothing(lessons, trainer):
    EmailAddress.objects.filter(user=trainer).update(verified=False)

    stale_content_digest_send.call(today=TODAY.isoformat())

    assert mail.outbox == []


def test_the_sources_come_from_settings_so_platform_facts_can_plug_in(lessons, trainer, settings):
    settings.STALE_CONTENT_SOURCES = []

    assert not stale_content_digest_enqueue(today=TODAY)
    assert mail.outbox == []


def test_the_command_says_when_nothing_is_stale(lessons, trainer):
    LessonPage.objects.update(reviewed_on=datetime.date.today())
    out = io.StringIO()

    call_command("send_stale_content_digest", stdout=out)

    assert "Nothing is stale" in out.getvalue()
    assert mail.outbox == []


def test_stale_platform_facts_are_listed_beside_the_lessons(lessons, trainer):
    stale = PlatformFacts.objects.create(
        code="tiktok",
        label="TikTok",
        max_length=2200,
        counting=Counting.CHARACTERS,
        checked_on=datetime.date(2025, 9, 1),
        source_url="https://example.org/tiktok",
        source_title="Source",
    )
    PlatformFacts.objects.create(
        code="bluesky",
        label="Bluesky",
        max_length=300,
        counting=Counting.GRAPHEMES,
        checked_on=TODAY - datetime.timedelta(days=10),
        source_url="https://example.org/bsky",
        source_title="Source",
    )

    assert stale_content_digest_enqueue(today=TODAY)

    message = next(m for m in mail.outbox if m.to == [trainer.email])
    assert message.subject == "3\u00a0contenus à revérifier"
    assert "Données des plateformes" in message.body
    assert "TikTok — vérifié le 1 septembre 2025" in message.body
    assert reverse("wagtailsnippets_studio_platformfacts:edit", args=[stale.pk]) in message.body
    assert "Bluesky" not in message.body

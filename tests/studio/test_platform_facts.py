"""Platform facts as data: trainers' snippets give the checker its rules, the charter setting its tone."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import Site

from studio.checker import Address, Brief, Draft, Status, post_check
from studio.models import CharterSettings, PlatformFacts
from studio.networks import Counting
from studio.platform_figures import default_rules
from studio.selectors import charter_get, network_rules_get, platform_facts_stale_list

pytestmark = pytest.mark.django_db


def facts(code="instagram", **fields) -> PlatformFacts:
    values = {
        "label": "Instagram",
        "max_length": 2200,
        "counting": Counting.CHARACTERS,
        "preview_cut": 125,
        "max_hashtags": 5,
        "max_mentions": 20,
        "checked_on": datetime.date(2026, 11, 30),
        "source_url": "https://www.socialmediatoday.com/news/instagram-implements-new-limits-hashtag-use/",
        "source_title": "Social Media Today, 18 décembre 2025",
    }
    return PlatformFacts.objects.create(code=code, **{**values, **fields})


@pytest.mark.parametrize(
    ("counting", "text", "count"),
    [
        (Counting.CHARACTERS, "a" * 10 + "👩\u200d👩\u200d👧", 15),  # code points
        (Counting.WEIGHTED, "a" * 10 + "😀 https://www.musee-estuaire.fr/une/tres/longue/adresse", 10 + 2 + 1 + 23),
        (Counting.GRAPHEMES, "a" * 10 + "👩\u200d👩\u200d👧", 11),
    ],
)
def test_a_snippets_counting_method_is_the_one_the_checker_counts_with(counting, text, count):
    facts(code="mastodon", label="Mastodon", max_length=500, counting=counting)

    report = post_check(
        draft=Draft(text=text), network=network_rules_get("mastodon"), charter=charter_get(None), brief=Brief()
    )

    assert report.length.count == count
    assert report.length.counting == counting


def test_the_rules_carry_every_figure_of_the_snippet():
    facts(max_length=2100, preview_cut=100, max_hashtags=4, max_mentions=10)

    rules = network_rules_get("instagram")

    assert (rules.label, rules.max_length, rules.preview_cut, rules.max_hashtags, rules.max_mentions) == (
        "Instagram",
        2100,
        100,
        4,
        10,
    )
    assert rules.checked_on == datetime.date(2026, 11, 30)
    assert rules.source.startswith("https://www.socialmediatoday.com/")
    assert rules.source_title == "Social Media Today, 18 décembre 2025"


def test_without_a_snippet_the_rules_come_from_platforms_yaml():
    assert not PlatformFacts.objects.exists()

    assert network_rules_get("bluesky") == default_rules("bluesky")
    assert network_rules_get("myspace") is None


def test_the_checker_flags_four_hashtags_once_a_trainer_lowers_instagrams_limit_to_three():
    text = "La réserve ouvre ce soir. #NuitDesMusées #Estuaire #Réserve #Patrimoine"
    instagram = facts()
    before = post_check(draft=Draft(text=text), network=network_rules_get("instagram"), charter=charter_get(None),
                        brief=Brief())  # fmt: skip
    assert "hashtag-count" not in {finding.rule for finding in before.findings}

    instagram.max_hashtags = 3
    instagram.save()
    after = post_check(draft=Draft(text=text), network=network_rules_get("instagram"), charter=charter_get(None),
                       brief=Brief())  # fmt: skip

    [finding] = [finding for finding in after.findings if finding.rule == "hashtag-count"]
    assert finding.status == Status.ERROR
    assert "4 hashtags" in finding.message and "3" in finding.message


def test_deleting_a_snippet_brings_back_the_rules_of_platforms_yaml():
    instagram = facts(max_hashtags=3)
    assert network_rules_get("instagram").max_hashtags == 3

    instagram.delete()

    assert network_rules_get("instagram").max_hashtags == default_rules("instagram").max_hashtags


def test_the_charter_setting_decides_which_address_the_checker_flags():
    site = Site.objects.get(is_default_site=True)
    text = "Venez découvrir la réserve : ta visite commence ici."
    vous = post_check(draft=Draft(text=text), network=default_rules("x"), charter=charter_get(site), brief=Brief())
    assert "tone-address" in {finding.rule for finding in vous.findings}

    CharterSettings.objects.update_or_create(site=site, defaults={"address": Address.TU})
    text = "Viens découvrir la réserve : votre visite commence ici."
    tu = post_check(draft=Draft(text=text), network=default_rules("x"), charter=charter_get(site), brief=Brief())

    [finding] = [finding for finding in tu.findings if finding.rule == "tone-address"]
    assert "Votre charte dit «\u00a0tu\u00a0»" in finding.message


def test_turning_off_the_no_capitals_rule_stops_the_shouting_warning():
    site = Site.objects.get(is_default_site=True)
    text = "GRANDE NOUVELLE : la réserve ouvre ce soir."
    assert "tone-caps" in {f.rule for f in post_check(draft=Draft(text=text), network=default_rules("x"),
                                                        charter=charter_get(site), brief=Brief()).findings}  # fmt: skip

    CharterSettings.objects.update_or_create(site=site, defaults={"no_all_caps": False})

    report = post_check(draft=Draft(text=text), network=default_rules("x"), charter=charter_get(site), brief=Brief())
    assert "tone-caps" not in {finding.rule for finding in report.findings}


def test_the_charter_sets_how_many_emoji_are_too_many_and_what_a_credit_holds():
    site = Site.objects.get(is_default_site=True)
    CharterSettings.objects.update_or_create(
        site=site, defaults={"max_emoji": 1, "credit_requires_photographer": False}
    )
    charter = charter_get(site)
    draft = Draft(text="Ce soir 🌙 la réserve ouvre ✨.", credit="Jean Durand, Grand Paysage, 1860, domaine public")

    report = post_check(draft=draft, network=default_rules("x"), charter=charter, brief=Brief(shows_artwork=True))

    rules = {finding.rule for finding in report.findings}
    assert "emoji-count" in rules
    assert "credit-incomplete" not in rules


def test_stale_facts_are_those_checked_before_the_review_interval_oldest_first():
    facts(code="x", label="X", checked_on=datetime.date(2025, 12, 1))
    facts(code="bluesky", label="Bluesky", checked_on=datetime.date(2024, 6, 1))
    facts(code="instagram", checked_on=datetime.date(2025, 12, 2))

    stale = platform_facts_stale_list(today=datetime.date(2026, 12, 2))

    assert [item.code for item in stale] == ["bluesky", "x"]


def test_trainers_see_the_snippets_with_their_freshness_and_can_edit_one(client, trainer):
    facts(checked_on=datetime.date(2020, 1, 1))
    facts(code="x", label="X", checked_on=datetime.date.today())
    client.force_login(trainer)

    listing = client.get(reverse("wagtailsnippets_studio_platformfacts:list"))
    instagram = PlatformFacts.objects.get(code="instagram")
    edit = client.get(reverse("wagtailsnippets_studio_platformfacts:edit", args=[instagram.pk]))

    assert listing.status_code == 200 and edit.status_code == 200
    html = listing.content.decode()
    assert "À revérifier" in html and "À jour" in html
    assert "1 janvier 2020" in html or "01/01/2020" in html


def test_trainers_can_open_the_charter_setting(client, trainer):
    client.force_login(trainer)
    site = Site.objects.get(is_default_site=True)

    response = client.get(reverse("wagtailsettings:edit", args=["studio", "chartersettings", site.pk]))

    assert response.status_code == 200
    assert "Charte éditoriale" in response.content.decode()


def test_the_exercise_shows_the_charters_model_of_a_credit_line(client, learner):
    from lessons.models import LessonPage
    from studio.exercises import exercise_key
    from tests.factories import make_course

    exercise = {
        "brief": "Annoncez sur Instagram la restauration du « Grand Paysage ».",
        "network": "instagram",
        "account_name": "Musée de l’Estuaire",
        "handle": "@musee_estuaire",
        "image_description": "La restauratrice au travail devant le tableau.",
        "shows_artwork": True,
        "requires_tracking": False,
    }
    lesson = LessonPage.objects.descendant_of(make_course(modules=1, lessons=1)).first().specific
    lesson.body = [("post_exercise", exercise)]
    lesson.save_revision().publish()
    site = Site.objects.get(is_default_site=True)
    CharterSettings.objects.update_or_create(
        site=site, defaults={"credit_format": "Artiste, Titre, date. © ADAGP. Photo : nom."}
    )
    client.force_login(learner)

    html = client.get(reverse("studio:exercise", args=[lesson.pk, exercise_key(exercise)])).content.decode()

    assert "Artiste, Titre, date. © ADAGP. Photo : nom." in html


def test_rules_cached_by_a_request_before_the_commit_are_forgotten_when_it_commits(django_capture_on_commit_callbacks):
    from django.core.cache import cache

    from studio.selectors import NETWORK_RULES_CACHE_KEY

    instagram = facts()
    old_rules = network_rules_get("instagram")
    with django_capture_on_commit_callbacks(execute=True):
        instagram.max_hashtags = 3
        instagram.save()
        # Another request, still seeing the committed row, caches the old rules before this save commits.
        cache.set(NETWORK_RULES_CACHE_KEY, {"instagram": old_rules})

    assert network_rules_get("instagram").max_hashtags == 3

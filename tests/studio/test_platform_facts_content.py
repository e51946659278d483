"""Platform facts in the course: loaded from content/platforms.yaml, shown in lessons, listed when stale."""

import datetime
import shutil
from pathlib import Path

import pytest
from django.utils import timezone

from guide.errors import ContentErrors
from guide.parsing import course_read
from lessons.models import LessonPage
from studio.models import PlatformFacts
from tests.factories import make_course
from tests.helpers import CONTENT, guide_course_load, small_guide_content

pytestmark = pytest.mark.django_db

NINE = {"instagram", "facebook", "x", "bluesky", "threads", "mastodon", "linkedin", "tiktok", "youtube"}


def facts(code="instagram", **fields) -> PlatformFacts:
    values = {
        "label": "Instagram",
        "max_length": 2200,
        "counting": "characters",
        "preview_cut": 125,
        "max_hashtags": 5,
        "has_alt_text": True,
        "alt_text_how": "Paramètres avancés, puis Accessibilité.",
        "notes": "Cinq mots-dièse depuis décembre 2025.",
        "checked_on": datetime.date(2026, 11, 30),
        "source_url": "https://www.socialmediatoday.com/news/instagrams-implementing-new-limits-on-hashtag-use/808309/",
        "source_title": "Social Media Today, 18 décembre 2025",
    }
    return PlatformFacts.objects.create(code=code, **{**values, **fields})


# -- the content file -------------------------------------------------------------------------------------


def test_the_course_files_hold_dated_and_sourced_facts_for_all_nine_networks():
    platforms = course_read(CONTENT).platforms

    assert {platform.code for platform in platforms} == NINE
    for platform in platforms:
        assert platform.fields["checked_on"] >= datetime.date(2025, 12, 1), platform.code
        assert platform.fields["source_url"].startswith("https://"), platform.code
        assert platform.fields["source_title"], platform.code
    instagram = next(platform for platform in platforms if platform.code == "instagram")
    assert (instagram.fields["max_length"], instagram.fields["max_hashtags"]) == (2200, 5)


@pytest.fixture
def content(tmp_path):
    target = tmp_path / "content"
    shutil.copytree(CONTENT, target)
    return target


def test_a_wrong_counting_method_an_unknown_network_and_a_future_date_are_reported(content):
    path = content / "platforms.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("counting: weighted", "counting: words", 1).replace("- code: threads", "- code: myspace", 1)
    text = text.replace("checked_on: 2026-11-30", "checked_on: 2999-01-01", 1)
    path.write_text(text, encoding="utf-8")

    with pytest.raises(ContentErrors) as excinfo:
        course_read(content)

    errors = "\n".join(str(error) for error in excinfo.value.errors)
    assert "content/platforms.yaml" in errors
    assert "counting must be one of characters" in errors or "counting must be one of" in errors
    assert "code must be one of" in errors
    assert "« checked_on » « 2999-01-01 » is in the future" in errors


def test_a_counting_that_differs_from_the_checkers_is_reported_at_its_line(content):
    path = content / "platforms.yaml"
    text = path.read_text(encoding="utf-8")
    line = text.splitlines().index("  counting: weighted") + 1
    path.write_text(text.replace("counting: weighted", "counting: characters", 1), encoding="utf-8")

    with pytest.raises(ContentErrors) as excinfo:
        course_read(content)

    [error] = excinfo.value.errors
    assert (error.line, error.message) == (
        line,
        "counting « characters » differs from how the checker counts on X (« weighted », studio/networks.py)",
    )


def test_a_lesson_block_naming_an_unknown_network_is_reported(content):
    lesson = content / "03-ecrire-pour-chaque-reseau" / "03-hashtags-et-mentions.md"
    text = lesson.read_text(encoding="utf-8")
    lesson.write_text(text.replace("networks: [instagram, threads,", "networks: [instagram, orkut,", 1), "utf-8")

    with pytest.raises(ContentErrors) as excinfo:
        course_read(content)

    assert any("network « orkut » is not one of" in str(error) for error in excinfo.value.errors)


def _load_platforms(root: Path, tmp_path: Path, settings) -> str:
    """Load a one-module course with the guide's platforms.yaml; return the command's output."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return guide_course_load("--content", str(root))


@pytest.fixture
def small_content(tmp_path):
    root = small_guide_content(tmp_path / "small", lessons=1)
    shutil.copy(CONTENT / "platforms.yaml", root / "platforms.yaml")
    return root


def test_loading_creates_the_nine_snippets_then_changes_nothing(small_content, tmp_path, settings):
    first = _load_platforms(small_content, tmp_path, settings)
    saved = dict(PlatformFacts.objects.values_list("code", "updated_at"))

    second = _load_platforms(small_content, tmp_path, settings)

    assert "Platform facts: 9 created, 0 updated, 0 unchanged" in first
    assert "Platform facts: 0 created, 0 updated, 9 unchanged" in second
    assert set(saved) == NINE
    assert dict(PlatformFacts.objects.values_list("code", "updated_at")) == saved


def test_on_the_next_load_the_file_wins_over_an_edit_in_the_admin(small_content, tmp_path, settings):
    _load_platforms(small_content, tmp_path, settings)
    instagram = PlatformFacts.objects.get(code="instagram")
    instagram.max_hashtags = 3
    instagram.save()

    output = _load_platforms(small_content, tmp_path, settings)

    assert "Platform facts: 0 created, 1 updated, 8 unchanged" in output
    assert PlatformFacts.objects.get(code="instagram").max_hashtags == 5


# -- the lesson block ---------------------------------------------------------------------------------------


@pytest.fixture
def lesson():
    course = make_course(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).first().specific
    lesson.body = [
        ("text", "<p>Les limites en vigueur.</p>"),
        ("platform_facts", {"title": "Mots-dièse, les limites en vigueur", "networks": ["instagram", "tiktok"]}),
    ]
    lesson.save_revision().publish()
    return lesson


def test_the_block_shows_the_current_figures_with_their_check_date_and_source(client, learner, lesson):
    facts()
    client.force_login(learner)

    html = client.get(lesson.url).content.decode()

    table = html[html.index('<table class="platform-facts__table') : html.index("</table>")]
    assert "<caption>Mots-dièse, les limites en vigueur</caption>" in table
    assert '<th scope="row">Instagram</th>' in table
    assert "2\u202f200 caractères" in table
    assert "5 au plus" in table
    assert '<th scope="col">Vérifié le</th>' in table
    assert '<time datetime="2026-11-30">30\u00a0novembre 2026</time>' in table
    assert 'href="https://www.socialmediatoday.com/news/instagrams-implementing' in table
    assert "Social Media Today, 18 décembre 2025" in table
    # TikTok has no snippet in this database: the lesson says so rather than inventing figures.
    assert "Pas encore de chiffres vérifiés pour\u00a0: TikTok." in html


def test_a_trainers_edit_of_a_snippet_shows_in_already_cached_lessons(client, learner, lesson):
    instagram = facts()
    client.force_login(learner)
    assert "5 au plus" in client.get(lesson.url).content.decode()
    # A write that bypasses the model's save (no signal) leaves the cached body as it was: it is cached.
    PlatformFacts.objects.filter(pk=instagram.pk).update(max_hashtags=4)
    assert "5 au plus" in client.get(lesson.url).content.decode()

    instagram.refresh_from_db()
    instagram.max_hashtags = 3
    instagram.checked_on = datetime.date(2026, 12, 1)
    instagram.save()
    html = client.get(lesson.url).content.decode()

    assert "3 au plus" in html and "5 au plus" not in html
    assert "1er\u00a0décembre 2026" in html


# -- stale facts on the trainers' admin home -------------------------------------------------------------------


def _panel(html: str) -> str:
    start = html.index("lumiere-trainer-panel")
    return html[start : html.index("</section>", start)]


def test_the_trainers_panel_lists_networks_whose_facts_are_due_for_a_check(client, trainer):
    old = facts(code="bluesky", label="Bluesky", checked_on=datetime.date(2024, 5, 12))
    facts(code="x", label="X", checked_on=timezone.localdate())
    client.force_login(trainer)

    panel = _panel(client.get("/admin/").content.decode())

    assert "1 réseau à revérifier" in panel
    assert f"/admin/snippets/studio/platformfacts/edit/{old.pk}/" in panel and "12 mai 2024" in panel
    assert ">X</a>" not in panel

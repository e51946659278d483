"""The checker's fallback figures come from content/platforms.yaml, the file the loader turns into snippets."""

import datetime

import pytest
from django.core.checks import run_checks

from guide.parsing import course_read
from studio.checker import Brief, Charter, Draft, Status, post_check
from studio.models import PlatformFacts
from studio.networks import NETWORKS
from studio.platform_figures import PlatformFiguresError, default_rules, default_rules_all
from studio.selectors import network_rules_from_facts, network_rules_get
from tests.helpers import CONTENT

INSTAGRAM = "- code: instagram\n"


@pytest.fixture
def figures_file(tmp_path, settings):
    """A copy of platforms.yaml the fallback reads instead of the course's (the cached reading is forgotten)."""
    path = tmp_path / "platforms.yaml"
    path.write_text((CONTENT / "platforms.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    settings.PLATFORM_FACTS_FILE = path
    default_rules_all.cache_clear()
    yield path
    default_rules_all.cache_clear()


def edit(path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_the_fallback_rules_are_the_figures_the_loader_reads_for_every_network():
    platforms = course_read(CONTENT).platforms
    from_snippets = {
        spec.code: network_rules_from_facts(PlatformFacts(code=spec.code, **spec.fields)) for spec in platforms
    }

    assert default_rules_all() == {code: from_snippets[code] for code in NETWORKS}


def test_the_fallback_rules_keep_the_networks_order_labels_and_counting_of_the_code():
    rules = default_rules_all()

    assert list(rules) == list(NETWORKS)
    for code, network in NETWORKS.items():
        assert (rules[code].label, rules[code].counting) == (network.label, network.counting)


@pytest.mark.django_db
def test_on_a_fresh_database_the_checker_applies_the_files_five_hashtags_on_instagram():
    assert not PlatformFacts.objects.exists()
    instagram = network_rules_get("instagram")
    text = "La réserve ouvre ce soir. #NuitDesMusées #Estuaire #Réserve #Patrimoine #Musée #Peinture"

    report = post_check(draft=Draft(text=text), network=instagram, charter=Charter(), brief=Brief())

    [finding] = [finding for finding in report.findings if finding.rule == "hashtag-count"]
    assert finding.status == Status.ERROR
    assert "6 hashtags" in finding.message and "5" in finding.message
    assert instagram.checked_on == datetime.date(2026, 12, 2)
    assert instagram.source.startswith("https://www.socialmediatoday.com/")


def test_a_bad_figure_in_the_file_is_reported_with_its_network(figures_file):
    edit(figures_file, "max_hashtags: 5", "max_hashtags: cinq")

    with pytest.raises(PlatformFiguresError, match="instagram: « max_hashtags » must be a positive whole number"):
        default_rules("x")


def test_a_network_missing_from_the_file_is_reported(figures_file):
    edit(figures_file, INSTAGRAM, "- code: instagram-old\n")

    with pytest.raises(PlatformFiguresError) as excinfo:
        default_rules_all()

    assert "instagram-old: code must be one of x, bluesky" in str(excinfo.value)
    assert "instagram: missing" in str(excinfo.value)


def test_a_missing_file_fails_the_system_checks(figures_file):
    figures_file.unlink()

    errors = [message for message in run_checks() if message.id == "studio.E001"]

    assert len(errors) == 1
    assert "cannot read the networks' figures" in errors[0].msg


def test_the_course_file_passes_the_system_checks():
    assert not [message for message in run_checks() if message.id == "studio.E001"]


def test_a_counting_that_differs_from_the_code_is_reported(figures_file):
    edit(figures_file, "counting: weighted", "counting: characters")

    with pytest.raises(
        PlatformFiguresError, match="x: counting « characters » differs from how the checker counts on X"
    ):
        default_rules_all()

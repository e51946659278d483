"""Reads of the post studio."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.cache import cache
from django.db import transaction
from django.db.models import QuerySet
from wagtail.models import Page, Site

from accounts.models import User
from core.freshness import REVIEW_INTERVAL_MONTHS, months_before
from core.page_cache import pages_generation_bump

from .checker import Address, Charter, CreditPart
from .models import CharterSettings, PlatformFacts, PostDraft
from .networks import Counting, NetworkRules
from .platform_figures import default_rules

if TYPE_CHECKING:
    from .exercises import Exercise

# Every network's rules as the snippets hold them, cached until a snippet is saved or deleted (studio.apps).
NETWORK_RULES_CACHE_KEY = "studio:network-rules"
NETWORK_RULES_CACHE_SECONDS = 24 * 3600


def post_draft_get(*, user: User, exercise: Exercise) -> PostDraft | None:
    """The learner's latest draft for this exercise, if she wrote one."""
    return PostDraft.objects.filter(user=user, page=exercise.page, exercise_key=exercise.key).first()


def lesson_urls_get(*, lessons: Iterable[str]) -> dict[str, str]:
    """URLs of the live lessons named « module-slug/lesson-slug » (one query); unknown ones are left out."""
    wanted = {lesson.rsplit("/", 1)[-1]: lesson for lesson in lessons}
    urls = {}
    for page in Page.objects.live().filter(slug__in=wanted):
        lesson = wanted[page.slug]
        if page.url_path.rstrip("/").endswith("/" + lesson):
            urls[lesson] = page.get_url()
    return urls


def network_rules_from_facts(facts: PlatformFacts) -> NetworkRules:
    """The checker's rules for one network, from its snippet."""
    return NetworkRules(
        code=facts.code,
        label=facts.label,
        max_length=facts.max_length,
        counting=Counting(facts.counting),
        max_hashtags=facts.max_hashtags,
        preview_cut=facts.preview_cut,
        checked_on=facts.checked_on,
        source=facts.source_url,
        max_mentions=facts.max_mentions,
        source_title=facts.source_title,
    )


def _snippet_rules() -> dict[str, NetworkRules]:
    rules: dict[str, NetworkRules] | None = cache.get(NETWORK_RULES_CACHE_KEY)
    if rules is None:
        rules = {facts.code: network_rules_from_facts(facts) for facts in PlatformFacts.objects.all()}
        cache.set(NETWORK_RULES_CACHE_KEY, rules, NETWORK_RULES_CACHE_SECONDS)
    return rules


def network_rules_cache_clear(**kwargs: object) -> None:
    """Forget the cached rules and the rendered pages that show them (a signal receiver: a snippet changed).

    Done at once and again when the transaction commits: a request reading between the save and the commit
    would otherwise cache the old values until they expire."""

    def forget() -> None:
        cache.delete(NETWORK_RULES_CACHE_KEY)
        pages_generation_bump()

    forget()
    transaction.on_commit(forget)


def network_rules_get(code: str) -> NetworkRules | None:
    """The rules the checker applies on network ``code``: its snippet's, else platforms.yaml's, else None."""
    return _snippet_rules().get(code) or default_rules(code)


def charter_get(site: Site | None) -> Charter:
    """The editorial charter of ``site`` (its « Charte éditoriale » setting); the defaults without a site."""
    if site is None:
        return Charter()
    settings = CharterSettings.for_site(site)
    required = {
        part
        for part, is_required in (
            (CreditPart.DATE, settings.credit_requires_date),
            (CreditPart.RIGHTS, settings.credit_requires_rights),
            (CreditPart.PHOTOGRAPHER, settings.credit_requires_photographer),
        )
        if is_required
    }
    return Charter(
        address=Address(settings.address),
        no_all_caps=settings.no_all_caps,
        max_emoji=settings.max_emoji,
        credit_requires=frozenset(required),
        credit_format=settings.credit_format,
    )


def platform_facts_list(*, codes: Iterable[str]) -> list[PlatformFacts]:
    """The snippets of the networks ``codes``, in that order; networks without a snippet are left out."""
    wanted = list(dict.fromkeys(codes))
    found = {facts.code: facts for facts in PlatformFacts.objects.filter(code__in=wanted)}
    return [found[code] for code in wanted if code in found]


def platform_facts_stale_list(*, today: datetime.date, months: int = REVIEW_INTERVAL_MONTHS) -> QuerySet[PlatformFacts]:
    """Platform facts checked more than ``months`` months before ``today``; oldest first."""
    return PlatformFacts.objects.filter(checked_on__lt=months_before(today, months)).order_by("checked_on", "label")

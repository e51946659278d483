"""The checker's report as JSON-safe data: for the live check, for quiz answers that store it, for reviewers.

Everything that needs a network's rules or the institution's charter asks ``network_rules`` and
``charter``, which read them from Wagtail (the platform-facts snippets and the charter site setting).
A stored report is the text the learner read, in the words of the day: a trainer sees exactly that.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import Any, NotRequired, TypedDict

from django.conf import settings
from django.core.cache import cache
from wagtail.models import Site

from .checker import Brief, Charter, Draft, Report, post_check
from .networks import NetworkRules
from .selectors import charter_get, network_rules_get

TEXT_MAX_LENGTH = 5000
ALT_TEXT_MAX_LENGTH = 1000
CREDIT_MAX_LENGTH = 500


def network_rules(code: object) -> NetworkRules | None:
    """The rules of the network ``code`` (its platform-facts snippet), None for a network the studio does not know."""
    return network_rules_get(code) if isinstance(code, str) else None


def charter() -> Charter:
    """The institution's writing charter: the « Charte éditoriale » setting of the default site."""
    return charter_get(Site.objects.filter(is_default_site=True).first())


class FindingData(TypedDict):
    rule: str
    status: str
    message: str
    why: str
    lesson: str
    url: NotRequired[str]  # the lesson's address, added when drawn (``findings_link``), never stored


class LengthData(TypedDict):
    count: int
    limit: int
    counting: str
    preview_cut: int | None
    is_over: bool


class ReportData(TypedDict):
    network: str
    network_label: str
    length: LengthData
    hashtags: list[str]
    findings: list[FindingData]


def report_data(report: Report, *, network: NetworkRules) -> ReportData:
    """A report as JSON-safe data, the messages already written out in the current language."""
    return {
        "network": network.code,
        "network_label": network.label,
        "length": {
            "count": report.length.count,
            "limit": report.length.limit,
            "counting": str(report.length.counting),
            "preview_cut": report.length.preview_cut,
            "is_over": report.length.is_over,
        },
        "hashtags": list(report.hashtags),
        "findings": [
            {
                "rule": finding.rule,
                "status": str(finding.status),
                "message": finding.message,
                "why": finding.why,
                "lesson": finding.lesson,
            }
            for finding in report.findings
        ],
    }


def draft_check(*, text: str, alt_text: str, credit: str, network: NetworkRules, brief: Brief) -> ReportData:
    """Check a draft under the institution's charter and return the report as data."""
    report = post_check(
        draft=Draft(text=text, alt_text=alt_text, credit=credit), network=network, charter=charter(), brief=brief
    )
    return report_data(report, network=network)


def report_data_is_valid(value: Any) -> bool:
    """Whether a stored value has the shape ``report_data`` writes (old or hand-made answers may not)."""
    if not isinstance(value, Mapping):
        return False
    findings = value.get("findings")
    return (
        isinstance(value.get("length"), Mapping)
        and isinstance(findings, list)
        and all(isinstance(finding, Mapping) for finding in findings)
    )


def preview_card(
    *,
    network: NetworkRules,
    text: str,
    alt_text: str,
    account_name: str,
    handle: str,
    image: Any = None,
    image_description: str = "",
) -> dict[str, Any]:
    """The post as the network's feed first shows it (cut where the feed cuts), for the mock card partial."""
    cut = network.preview_cut
    shown = text if not cut or len(text) <= cut else text[:cut].rstrip() + "…"
    return {
        "network": network.code,
        "account_name": account_name,
        "handle": handle,
        "text": shown,
        "image": image,
        "image_description": image_description,
        "image_alt": alt_text,
        "date": None,
        "is_cut": shown != text,
    }


def findings_link(checklists: Iterable[ReportData]) -> None:
    """Give each finding of these checklists the URL of the lesson that teaches its rule (one query in all)."""
    from .selectors import lesson_urls_get

    checklists = list(checklists)
    lessons = {finding["lesson"] for checklist in checklists for finding in checklist["findings"]}
    urls = lesson_urls_get(lessons=lessons) if lessons else {}
    for checklist in checklists:
        for finding in checklist["findings"]:
            url = urls.get(finding["lesson"])
            if url:
                finding["url"] = url


def check_rate_exceeded(*, user_id: int, now: float | None = None) -> bool:
    """Count one live check for this learner; True once over ``STUDIO_CHECK_RATE_LIMIT`` in the current minute."""
    window = int((time.time() if now is None else now) // 60)
    key = f"studio:check:{user_id}:{window}"
    cache.add(key, 0, timeout=61)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=61)
        count = 1
    return count > settings.STUDIO_CHECK_RATE_LIMIT

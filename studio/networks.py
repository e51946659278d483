"""Each network's publishing rules, as the checker reads them.

The figures are the platforms' own, checked on the date given (``checked_on``) against the source named;
they change, which is why each carries its date. Trainers edit them as platform-facts snippets
(``studio.models.PlatformFacts``, loaded from ``content/platforms.yaml``); ``studio.selectors.network_rules_get``
reads those, and falls back on this table for a network without a snippet (a new database before the
course is loaded).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum


class Counting(StrEnum):
    """How a network counts a post's length."""

    WEIGHTED = "weighted"  # X: twitter-text's weighted length (every URL 23, emoji and CJK 2)
    GRAPHEMES = "graphemes"  # Bluesky: what a reader sees as one character (👩‍👩‍👧 is one)
    CHARACTERS = "characters"  # code points, as most networks count


@dataclass(frozen=True)
class NetworkRules:
    """What one network allows in a post's text."""

    code: str
    label: str
    max_length: int
    counting: Counting
    max_hashtags: int | None  # None: no limit the network enforces
    preview_cut: int | None  # characters shown in the feed before « … plus » (None: the whole text)
    checked_on: datetime.date
    source: str
    max_mentions: int | None = None  # None: no limit the network enforces, or none known
    source_title: str = ""


NETWORKS: dict[str, NetworkRules] = {
    rules.code: rules
    for rules in (
        NetworkRules(
            code="x",
            label="X",
            max_length=280,
            counting=Counting.WEIGHTED,
            max_hashtags=None,
            preview_cut=None,
            checked_on=datetime.date(2026, 11, 30),
            source="https://docs.x.com/resources/fundamentals/counting-characters",
        ),
        NetworkRules(
            code="bluesky",
            label="Bluesky",
            max_length=300,
            counting=Counting.GRAPHEMES,
            max_hashtags=None,
            preview_cut=None,
            checked_on=datetime.date(2026, 11, 30),
            source="https://docs.bsky.app/docs/advanced-guides/post-richtext",
        ),
        NetworkRules(
            code="instagram",
            label="Instagram",
            max_length=2200,
            counting=Counting.CHARACTERS,
            max_hashtags=5,
            preview_cut=125,
            checked_on=datetime.date(2026, 11, 30),
            source="https://help.instagram.com/ (limite de 5 hashtags depuis décembre 2025)",
        ),
        NetworkRules(
            code="facebook",
            label="Facebook",
            max_length=63206,
            counting=Counting.CHARACTERS,
            max_hashtags=None,
            preview_cut=480,
            checked_on=datetime.date(2026, 11, 30),
            source="https://www.facebook.com/help/",
        ),
        NetworkRules(
            code="threads",
            label="Threads",
            max_length=500,
            counting=Counting.CHARACTERS,
            max_hashtags=1,
            preview_cut=None,
            checked_on=datetime.date(2026, 11, 30),
            source="https://help.instagram.com/ (Threads : un sujet par publication)",
        ),
        NetworkRules(
            code="mastodon",
            label="Mastodon",
            max_length=500,
            counting=Counting.CHARACTERS,
            max_hashtags=None,
            preview_cut=None,
            checked_on=datetime.date(2026, 11, 30),
            source="https://docs.joinmastodon.org/user/posting/",
        ),
        NetworkRules(
            code="linkedin",
            label="LinkedIn",
            max_length=3000,
            counting=Counting.CHARACTERS,
            max_hashtags=None,
            preview_cut=210,
            checked_on=datetime.date(2026, 11, 30),
            source="https://www.linkedin.com/help/",
        ),
        NetworkRules(
            code="tiktok",
            label="TikTok",
            max_length=2200,  # through the API that scheduling tools use; about 4,000 in the app
            counting=Counting.CHARACTERS,
            max_hashtags=None,
            preview_cut=None,
            checked_on=datetime.date(2026, 12, 2),
            source="https://www.socialkit.dev/tools/tiktok-character-counter",
        ),
        NetworkRules(
            code="youtube",
            label="YouTube",
            max_length=5000,  # a video's description; its title has 100
            counting=Counting.CHARACTERS,
            max_hashtags=60,  # beyond 60, YouTube ignores every hashtag of the video
            preview_cut=None,
            checked_on=datetime.date(2026, 12, 2),
            source="https://support.google.com/youtube/answer/6390658",
        ),
    )
}

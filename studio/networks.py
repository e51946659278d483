"""The networks the code knows, and the shape of one network's publishing rules as the checker reads them.

Only what code depends on lives here: which networks exist and in which order (model and block ``choices``
are built from this table, so changing it changes migrations), their label, and how each counts a post's
length (``Counting`` selects code paths in the checker). The figures themselves (limits, date checked,
source) live in one place, ``content/platforms.yaml``: loaded into ``studio.models.PlatformFacts``
snippets by ``manage.py load_guide_course``, and read by ``studio.platform_figures`` as the checker's
fallback for a network without a snippet.
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
class Network:
    """A network the code knows: its code (choices, snippets, content files), label and way of counting."""

    code: str
    label: str
    counting: Counting


# In the order choices list them (studio.models.NETWORK_CODE_CHOICES, lessons.blocks.POST_EXERCISE_NETWORKS).
NETWORKS: dict[str, Network] = {
    network.code: network
    for network in (
        Network("x", "X", Counting.WEIGHTED),
        Network("bluesky", "Bluesky", Counting.GRAPHEMES),
        Network("instagram", "Instagram", Counting.CHARACTERS),
        Network("facebook", "Facebook", Counting.CHARACTERS),
        Network("threads", "Threads", Counting.CHARACTERS),
        Network("mastodon", "Mastodon", Counting.CHARACTERS),
        Network("linkedin", "LinkedIn", Counting.CHARACTERS),
        Network("tiktok", "TikTok", Counting.CHARACTERS),
        Network("youtube", "YouTube", Counting.CHARACTERS),
    )
}


@dataclass(frozen=True)
class NetworkRules:
    """What one network allows in a post's text.

    The figures are the platforms' own, checked on the date given (``checked_on``) against the source named;
    they change, which is why each carries its date."""

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

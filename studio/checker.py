"""Check a draft post against a network's rules, the institution's charter and the exercise's brief.

``post_check`` is pure: no database, no network, the same answer for the same input, so it runs on the
server when the learner submits and can run in the browser with the same rules. Each finding names its
rule, says what is wrong and why it matters, and points to the lesson that teaches it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import parse_qs, urlsplit

import emoji
import regex
from django.utils.translation import gettext as _
from twitter_text import parse_tweet

from core.formatting import number_display

from .networks import Counting, NetworkRules


class Status(StrEnum):
    OK = "ok"
    WARNING = "warning"  # worth fixing; the post can still go out
    ERROR = "error"  # the network refuses it, or the brief's requirement is not met


class Address(StrEnum):
    """How the institution speaks to its public, as its charter says."""

    VOUS = "vous"
    TU = "tu"


class CreditPart(StrEnum):
    """What a credit line must name that the checker can recognise (artist and title cannot be)."""

    DATE = "date"
    RIGHTS = "rights"
    PHOTOGRAPHER = "photographer"


MAX_EMOJI = 5


@dataclass(frozen=True)
class Charter:
    """The institution's writing charter: how it addresses people, what it forbids, what a credit holds."""

    address: Address = Address.VOUS
    no_all_caps: bool = True
    max_emoji: int = MAX_EMOJI
    credit_requires: frozenset[CreditPart] = frozenset(CreditPart)
    credit_format: str = ""  # the institution's model of a credit line, shown to learners


@dataclass(frozen=True)
class Brief:
    """What the exercise asks for beyond the network's rules."""

    has_image: bool = False
    shows_artwork: bool = False  # the image reproduces a work: a full credit line is required
    requires_tracking: bool = False  # links must carry UTM parameters


@dataclass(frozen=True)
class Draft:
    """What the learner wrote."""

    text: str
    alt_text: str = ""
    credit: str = ""


@dataclass(frozen=True)
class Finding:
    rule: str
    status: Status
    message: str
    why: str
    lesson: str  # slug of the lesson that teaches the rule ("module-slug/lesson-slug")


@dataclass(frozen=True)
class Length:
    count: int
    limit: int
    counting: Counting
    preview_cut: int | None  # where the feed cuts the text, when the text is longer

    @property
    def is_over(self) -> bool:
        return self.count > self.limit


@dataclass(frozen=True)
class Report:
    length: Length
    hashtags: tuple[str, ...]
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.status == Status.ERROR)

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.status == Status.WARNING)

    @property
    def is_publishable(self) -> bool:
        return not self.errors


# Lessons that teach each rule (module slug / lesson slug of the guide course).
LESSON_FORMATS = "ecrire-pour-chaque-reseau/formats-et-contraintes"
LESSON_HASHTAGS = "ecrire-pour-chaque-reseau/hashtags-et-mentions"
LESSON_ACCESSIBILITY = "ecrire-pour-chaque-reseau/accessibilite-des-publications"
LESSON_CREDITS = "droits-images-donnees/droit-d-auteur-images-d-oeuvres"
LESSON_TRACKING = "mesurer-rendre-compte/suivre-le-trafic-utm"
LESSON_TONE = "ton-et-voix/charte-de-ton"

HASHTAG = regex.compile(r"(?<![\p{L}\p{N}_&])#([\p{L}\p{N}_]+)")
URL = re.compile(r"https?://[^\s<>«»\"]+", re.IGNORECASE)
SHORTENERS = frozenset(
    {"bit.ly", "tinyurl.com", "ow.ly", "goo.gl", "buff.ly", "is.gd", "lnkd.in", "shorturl.at", "rebrand.ly",
     "cutt.ly", "t.ly", "tiny.cc", "s.id", "rb.gy"}
)  # fmt: skip
UTM_PARAMETERS = ("utm_source", "utm_medium", "utm_campaign")
ALT_MIN_LENGTH = 30
ALT_REDUNDANT_OPENINGS = ("image de", "image d’", "image d'", "photo de", "photo d’", "photo d'", "illustration de")
MAX_TRAILING_EMOJI = 3
CAPS_WORD = regex.compile(r"\b\p{Lu}{4,}\b")
TU_WORDS = regex.compile(r"(?i)\b(?:tu|te|toi|ton|ta|tes)\b|\bt[’'](?=\p{L})")
VOUS_WORDS = regex.compile(r"(?i)\b(?:vous|votre|vos)\b")
YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
RIGHTS = re.compile(r"©|\(c\)|domaine public|CC0|CC[ -]BY", re.IGNORECASE)
PHOTOGRAPHER = re.compile(r"\bphoto(?:graphie)?\b|\bcliché\b", re.IGNORECASE)


def post_length(text: str, rules: NetworkRules) -> Length:
    """The text's length as ``rules``' network counts it."""
    if rules.counting == Counting.WEIGHTED:
        count = parse_tweet(text).weightedLength
    elif rules.counting == Counting.GRAPHEMES:
        count = len(regex.findall(r"\X", text))
    else:
        count = len(text)
    return Length(count=count, limit=rules.max_length, counting=rules.counting, preview_cut=rules.preview_cut)


def hashtags_find(text: str) -> tuple[str, ...]:
    """The hashtags in the text, without their « # », in order."""
    return tuple(match.group(1) for match in HASHTAG.finditer(text))


def _finding(rule: str, status: Status, message: str, why: str, lesson: str) -> Finding:
    return Finding(rule=rule, status=status, message=message, why=why, lesson=lesson)


def _length_findings(length: Length, rules: NetworkRules) -> list[Finding]:
    if length.is_over:
        return [
            _finding(
                "length",
                Status.ERROR,
                _("%(count)s characters out of %(limit)s allowed on %(network)s: shorten by %(over)s.")
                % {
                    "count": number_display(length.count),
                    "limit": number_display(length.limit),
                    "network": rules.label,
                    "over": number_display(length.count - length.limit),
                },
                _("The network refuses a longer post, or cuts it."),
                LESSON_FORMATS,
            )
        ]
    if length.preview_cut and length.count > length.preview_cut:
        return [
            _finding(
                "preview",
                Status.WARNING,
                _("The feed shows the first %(cut)s characters: put what matters before « … plus ».")
                % {"cut": length.preview_cut},
                _("Most readers never open the rest of the text."),
                LESSON_FORMATS,
            )
        ]
    return []


def _is_unreadable_hashtag(tag: str) -> bool:
    """A hashtag of several words written without capitals (#nuitdesmusées): screen readers read it as one
    unknown word. Short tags and tags with a capital inside are fine."""
    letters = [char for char in tag if char.isalpha()]
    return len(letters) >= 10 and all(char.islower() for char in letters)


def _camel_case_hint(tag: str) -> str:
    return tag[:1].upper() + tag[1:]


def _hashtag_findings(text: str, tags: Sequence[str], rules: NetworkRules) -> list[Finding]:
    findings = []
    if rules.max_hashtags is not None and len(tags) > rules.max_hashtags:
        findings.append(
            _finding(
                "hashtag-count",
                Status.ERROR,
                _("%(count)s hashtags: %(network)s allows %(limit)s.")
                % {"count": len(tags), "network": rules.label, "limit": rules.max_hashtags},
                _("Beyond the limit the network refuses the post or ignores the extra hashtags."),
                LESSON_HASHTAGS,
            )
        )
    for tag in tags:
        if _is_unreadable_hashtag(tag):
            findings.append(
                _finding(
                    "hashtag-camel-case",
                    Status.WARNING,
                    _("Write #%(tag)s with a capital for each word (for example #%(hint)s…).")
                    % {"tag": tag, "hint": _camel_case_hint(tag)},
                    _("A screen reader reads a hashtag without capitals as one unknown word."),
                    LESSON_ACCESSIBILITY,
                )
            )
    for match in HASHTAG.finditer(text):
        rest = text[match.end() :]
        if regex.match(r"[ \u00a0]+\p{Ll}", rest):
            findings.append(
                _finding(
                    "hashtag-mid-sentence",
                    Status.WARNING,
                    _("#%(tag)s stands in the middle of a sentence: write the word, and put hashtags at the end.")
                    % {"tag": match.group(1)},
                    _("A hashtag inside a sentence breaks the reading, aloud and on screen."),
                    LESSON_HASHTAGS,
                )
            )
    return findings


def _normalised(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _alt_findings(draft: Draft, brief: Brief) -> list[Finding]:
    if not brief.has_image:
        return []
    alt = draft.alt_text.strip()
    why = _("People who cannot see the image get only this text.")
    if not alt:
        return [
            _finding(
                "alt-missing", Status.ERROR, _("Describe the image in its alternative text."), why, LESSON_ACCESSIBILITY
            )
        ]
    findings = []
    if len(alt) < ALT_MIN_LENGTH:
        findings.append(
            _finding(
                "alt-short",
                Status.WARNING,
                _("The alternative text has %(count)s characters: say what the image shows and why it is there.")
                % {"count": len(alt)},
                why,
                LESSON_ACCESSIBILITY,
            )
        )
    if _normalised(alt).startswith(ALT_REDUNDANT_OPENINGS):
        findings.append(
            _finding(
                "alt-opening",
                Status.WARNING,
                _("Do not start with « image de »: screen readers already say it is an image."),
                why,
                LESSON_ACCESSIBILITY,
            )
        )
    if _normalised(alt) in _normalised(draft.text):
        findings.append(
            _finding(
                "alt-repeats-text",
                Status.WARNING,
                _("The alternative text repeats the post: describe the image instead."),
                why,
                LESSON_ACCESSIBILITY,
            )
        )
    return findings


def _credit_findings(draft: Draft, brief: Brief, charter: Charter) -> list[Finding]:
    if not brief.shows_artwork:
        return []
    credit = draft.credit.strip()
    why = _("Crediting the artist, the work and the photographer is the law, and what the public expects.")
    if not credit:
        return [
            _finding(
                "credit-missing",
                Status.ERROR,
                _("Add the credit line: artist, title, date, © or « domaine public », photographer."),
                why,
                LESSON_CREDITS,
            )
        ]
    missing = []
    required = charter.credit_requires
    if CreditPart.DATE in required and not YEAR.search(credit):
        missing.append(_("the date of the work"))
    if CreditPart.RIGHTS in required and not RIGHTS.search(credit):
        missing.append(_("© or « domaine public »"))
    if CreditPart.PHOTOGRAPHER in required and not PHOTOGRAPHER.search(credit):
        missing.append(_("the photographer"))
    if not missing:
        return []
    return [
        _finding(
            "credit-incomplete",
            Status.ERROR,
            _("The credit line lacks %(missing)s.") % {"missing": ", ".join(missing)},
            why,
            LESSON_CREDITS,
        )
    ]


def _link_findings(text: str, brief: Brief) -> list[Finding]:
    findings = []
    for url in URL.findall(text):
        parts = urlsplit(url.rstrip(".,;:!?)"))
        host = (parts.hostname or "").removeprefix("www.")
        if host in SHORTENERS:
            findings.append(
                _finding(
                    "link-shortener",
                    Status.WARNING,
                    _("%(host)s hides where the link goes: give the full address.") % {"host": host},
                    _("People trust a link whose destination they can read."),
                    LESSON_TRACKING,
                )
            )
        elif brief.requires_tracking:
            query = parse_qs(parts.query)
            missing = [name for name in UTM_PARAMETERS if not query.get(name)]
            if missing:
                findings.append(
                    _finding(
                        "link-tracking",
                        Status.ERROR,
                        _("The link lacks %(missing)s: the visits it brings will not be counted.")
                        % {"missing": ", ".join(missing)},
                        _("UTM parameters tell the site's statistics which post brought each visit."),
                        LESSON_TRACKING,
                    )
                )
    return findings


def _emoji_findings(text: str, max_emoji: int) -> list[Finding]:
    found = emoji.emoji_list(text)
    findings = []
    why = _("A screen reader reads every emoji's name aloud.")
    if len(found) > max_emoji:
        findings.append(
            _finding(
                "emoji-count",
                Status.WARNING,
                _("%(count)s emoji: keep a few, where they add something.") % {"count": len(found)},
                why,
                LESSON_ACCESSIBILITY,
            )
        )
    trailing = 0
    end = len(text.rstrip())
    for item in reversed(found):
        if text[item["match_end"] : end].strip():
            break
        trailing += 1
        end = item["match_start"]
    if trailing > MAX_TRAILING_EMOJI:
        findings.append(
            _finding(
                "emoji-trailing",
                Status.WARNING,
                _("%(count)s emoji in a row at the end: one is enough.") % {"count": trailing},
                why,
                LESSON_ACCESSIBILITY,
            )
        )
    for item in found:
        before, after = text[: item["match_start"]], text[item["match_end"] :]
        if regex.search(r"\p{L}[ \u00a0]*$", before) and regex.match(r"[ \u00a0]*\p{Ll}", after):
            findings.append(
                _finding(
                    "emoji-for-word",
                    Status.WARNING,
                    _("%(emoji)s stands for a word in the sentence: write the word.") % {"emoji": item["emoji"]},
                    why,
                    LESSON_ACCESSIBILITY,
                )
            )
    return findings


def _tone_findings(text: str, charter: Charter) -> list[Finding]:
    findings = []
    without_tags = HASHTAG.sub(" ", URL.sub(" ", text))
    wrong = TU_WORDS if charter.address == Address.VOUS else VOUS_WORDS
    if wrong.search(without_tags):
        findings.append(
            _finding(
                "tone-address",
                Status.WARNING,
                _("Your charter says « vous »: this post says « tu ».")
                if charter.address == Address.VOUS
                else _("Your charter says « tu »: this post says « vous »."),
                _("One institution, one way of addressing its public."),
                LESSON_TONE,
            )
        )
    shouting = CAPS_WORD.findall(without_tags) if charter.no_all_caps else []
    if len(shouting) >= 2:
        findings.append(
            _finding(
                "tone-caps",
                Status.WARNING,
                _("Words in capitals (%(words)s) read as shouting: use bold ideas, not capitals.")
                % {"words": ", ".join(shouting[:3])},
                _("Capitals are read as shouting and are harder to read; screen readers may spell them."),
                LESSON_TONE,
            )
        )
    return findings


def post_check(*, draft: Draft, network: NetworkRules, charter: Charter, brief: Brief) -> Report:
    """Every rule that applies to ``draft`` on ``network``, under ``charter``, for ``brief``."""
    length = post_length(draft.text, network)
    tags = hashtags_find(draft.text)
    findings = [
        *_length_findings(length, network),
        *_hashtag_findings(draft.text, tags, network),
        *_alt_findings(draft, brief),
        *_credit_findings(draft, brief, charter),
        *_link_findings(draft.text, brief),
        *_emoji_findings(draft.text, charter.max_emoji),
        *_tone_findings(draft.text, charter),
    ]
    return Report(length=length, hashtags=tags, findings=tuple(findings))

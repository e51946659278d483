"""Each network's figures as ``content/platforms.yaml`` gives them: the one source of the checker's limits.

Two readers share the rules below: the guide's loader (``guide.parsing``, which turns each entry into a
``PlatformFacts`` snippet and locates every problem by line) and :func:`default_rules_all`, the checker's
fallback for a network without a snippet (a new database before the course is loaded). An entry whose code
is unknown or whose counting differs from ``studio.networks.NETWORKS`` is an error for both: the checker's
code paths follow the table, so a file that disagrees with it would give figures measured another way.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings

from core.typography import french_typography

from .networks import NETWORKS, Counting, NetworkRules

FIGURE_NUMBERS = ("max_length", "preview_cut", "max_hashtags", "max_mentions")
REQUIRED_FIGURES = ("code", "max_length", "counting", "checked_on", "source")


@dataclass(frozen=True)
class FigureError:
    """A problem in one entry: the field at fault (the guide's loader turns it into a line) and what is wrong."""

    key: str
    message: str


class PlatformFiguresError(Exception):
    """The figures file is missing or invalid: the checker would have no limits to apply."""


def platform_figures_check(entry: Mapping[str, Any]) -> tuple[dict[str, Any], list[FigureError]]:
    """The figures of one ``platforms.yaml`` entry (``code``, ``counting``, the numbers, ``checked_on`` as a
    date, ``source``), and every problem found in them; the figures are only usable when there is none."""
    errors = [FigureError(key, f"missing field « {key} »") for key in REQUIRED_FIGURES if entry.get(key) is None]
    code = str(entry.get("code") or "")
    counting = str(entry.get("counting") or "")
    network = NETWORKS.get(code)
    if "code" in entry and network is None:
        errors.append(FigureError("code", f"code must be one of {', '.join(NETWORKS)}"))
    if "counting" in entry and counting not in set(Counting):
        errors.append(FigureError("counting", f"counting must be one of {', '.join(Counting)}"))
    elif network is not None and "counting" in entry and counting != network.counting:
        errors.append(
            FigureError(
                "counting",
                f"counting « {counting} » differs from how the checker counts on {network.label} "
                f"(« {network.counting} », studio/networks.py)",
            )
        )
    figures: dict[str, Any] = {"code": code, "counting": counting}
    for key in FIGURE_NUMBERS:
        value = entry.get(key)
        if value is not None and (type(value) is not int or value <= 0):
            errors.append(FigureError(key, f"« {key} » must be a positive whole number"))
        figures[key] = value
    source = str(entry.get("source") or "")
    if "source" in entry and not source.startswith("https://"):
        errors.append(FigureError("source", "a source address must start with https://"))
    figures["source"] = source
    figures["checked_on"] = None
    value = entry.get("checked_on")
    if value is not None:
        try:
            figures["checked_on"] = value if type(value) is datetime.date else datetime.date.fromisoformat(str(value))
        except ValueError:
            errors.append(FigureError("checked_on", f"« checked_on » « {value} » must be written YYYY-MM-DD"))
    return figures, errors


def default_rules(code: str) -> NetworkRules | None:
    """The checker's rules for network ``code`` as ``platforms.yaml`` gives them (None: not a network)."""
    return default_rules_all().get(code)


@functools.cache
def default_rules_all() -> dict[str, NetworkRules]:
    """Every network's rules read from ``settings.PLATFORM_FACTS_FILE``, in the order of ``NETWORKS``.

    Read once per process: the file only changes with a deployment. Raises :class:`PlatformFiguresError`
    listing every problem (``studio.checks`` turns it into a system check error, so CI fails on it)."""
    path = Path(settings.PLATFORM_FACTS_FILE)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise PlatformFiguresError(f"{path}: cannot read the networks' figures ({exc})") from exc
    if not isinstance(data, list):
        raise PlatformFiguresError(f"{path}: must be a list of networks")
    problems: list[str] = []
    rules: dict[str, NetworkRules] = {}
    named: set[str] = set()  # the codes of every entry, valid or not: a network is « missing » only when absent
    for index, entry in enumerate(data, start=1):
        if not isinstance(entry, dict):
            problems.append(f"entry {index} must be a mapping of fields")
            continue
        figures, errors = platform_figures_check(entry)
        named.add(figures["code"])
        name = figures["code"] or f"entry {index}"
        problems += [f"{name}: {error.message}" for error in errors]
        if errors:
            continue
        if figures["code"] in rules:
            problems.append(f"{name}: listed twice")
        rules[figures["code"]] = _rules_from_figures(figures, source_title=entry.get("source_title"))
    problems += [f"{code}: missing (every network needs its figures)" for code in NETWORKS if code not in named]
    if problems:
        raise PlatformFiguresError(f"{path}: invalid networks' figures:\n" + "\n".join(f"  - {p}" for p in problems))
    return {code: rules[code] for code in NETWORKS}


def _rules_from_figures(figures: Mapping[str, Any], *, source_title: object) -> NetworkRules:
    network = NETWORKS[figures["code"]]
    return NetworkRules(
        code=network.code,
        label=network.label,
        max_length=figures["max_length"],
        counting=network.counting,
        max_hashtags=figures["max_hashtags"],
        preview_cut=figures["preview_cut"],
        checked_on=figures["checked_on"],
        source=figures["source"],
        max_mentions=figures["max_mentions"],
        source_title=french_typography(str(source_title or "").strip()),
    )

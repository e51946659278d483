"""System checks of the post studio: run by ``manage.py check`` and every management command, so CI fails."""

from __future__ import annotations

from typing import Any

from django.core.checks import CheckMessage, Error

from .platform_figures import PlatformFiguresError, default_rules_all


def platform_figures_file_check(app_configs: Any = None, **kwargs: Any) -> list[CheckMessage]:
    """The networks' figures file must be readable and complete: without it the checker has no limits."""
    try:
        default_rules_all()
    except PlatformFiguresError as exc:
        return [
            Error(
                str(exc),
                hint="manage.py load_guide_course --check --skip-checks gives the line of each problem.",
                id="studio.E001",
            )
        ]
    return []

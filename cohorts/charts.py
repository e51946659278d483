"""Server-rendered SVG charts: horizontal bars with their numbers written as text, no JavaScript.

Each chart is an ``<svg role="img">`` with a <title> and a <desc>; every bar carries its value as
text, so the figures never depend on colour or on seeing the bar's length. Flagged bars are also
hatched and their label marked, for people who cannot tell the colours apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ROW_HEIGHT = 28
BAR_HEIGHT = 18
LABEL_WIDTH = 220
BAR_WIDTH = 360
VALUE_WIDTH = 90
TOP = 8
LABEL_MAX_CHARS = 34


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None  # fraction of the axis maximum; None when there is nothing to show
    text: str  # the value as printed next to the bar
    flagged: bool = False


def _short(label: str) -> str:
    return label if len(label) <= LABEL_MAX_CHARS else label[: LABEL_MAX_CHARS - 1] + "…"


def bar_chart_svg(
    *,
    chart_id: str,
    title: str,
    description: str,
    bars: Sequence[Bar],
    threshold: float | None = None,
    threshold_label: str = "",
) -> SafeString:
    """A horizontal bar chart; values are fractions of the axis (0–1, clipped), negatives drawn as zero.

    ``chart_id`` prefixes the chart's element ids so that several charts can share a page.
    """
    cid = "".join(char for char in chart_id if char.isalnum() or char in "-_") or "chart"
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    height = TOP * 2 + ROW_HEIGHT * max(len(bars), 1) + (16 if threshold is not None else 0)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="cohort-chart" role="img" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" aria-labelledby="{cid}-title {cid}-desc">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(description)}</desc>',
        f'<defs><pattern id="{cid}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)"><rect width="6" height="6" fill="#b4233c"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>',
        f'<line x1="{LABEL_WIDTH}" y1="{TOP}" x2="{LABEL_WIDTH}" y2="{height - TOP}" stroke="#5c5c5c"/>',
    ]
    for index, bar in enumerate(bars):
        y = TOP + index * ROW_HEIGHT
        fraction = 0.0 if bar.value is None else min(max(bar.value, 0.0), 1.0)
        label = ("⚠ " if bar.flagged else "") + _short(bar.label)
        parts.append(f"<g><title>{escape(bar.label)}\u00a0: {escape(bar.text)}</title>")
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT - 4}" text-anchor="end" font-size="13" '
            f'fill="#1a1a1a">{escape(label)}</text>'
        )
        if fraction > 0:
            fill = f"url(#{cid}-hatch)" if bar.flagged else "#1f5f8b"
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{fraction * BAR_WIDTH:.1f}" height="{BAR_HEIGHT}" '
                f'fill="{fill}"/>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + fraction * BAR_WIDTH + 6:.1f}" y="{y + BAR_HEIGHT - 4}" font-size="13" '
            f'fill="#1a1a1a">{escape(bar.text)}</text>'
        )
        parts.append("</g>")
    if threshold is not None:
        x = LABEL_WIDTH + min(max(threshold, 0.0), 1.0) * BAR_WIDTH
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{height - TOP - 12}" stroke="#b4233c" '
            'stroke-dasharray="4 3" stroke-width="2"/>'
        )
        parts.append(
            f'<text x="{x:.1f}" y="{height - 6}" text-anchor="middle" font-size="12" fill="#b4233c">'
            f"{escape(threshold_label)}</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every piece of text above is escaped)

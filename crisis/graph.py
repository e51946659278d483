"""The scenario's steps drawn as an SVG diagram for the editor (pure: the same SVG for the same scenario).

Layout: a step's column is its distance from the start (breadth-first), steps keep their file order within a
column. Arrows carry the choice key; the recommended path is drawn thicker, in the accent colour.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from itertools import pairwise
from typing import Any
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from . import rules

NODE_WIDTH, NODE_HEIGHT = 150, 48
COLUMN_GAP, ROW_GAP, MARGIN = 70, 24, 16
TITLE_CHARS = 22
OUTCOME_FILLS = {"good": "#d8f0dc", "mixed": "#fdf0c8", "bad": "#f8d7d7"}
RECOMMENDED = "#0b5cad"
PLAIN = "#767676"


def _columns(scenario: Mapping[str, Any], steps: Mapping[str, Mapping[str, Any]]) -> dict[str, int]:
    """Each step's column: its breadth-first depth from the start; unreachable steps go after the last column."""
    depth: dict[str, int] = {}
    start = str(scenario.get("start", ""))
    if start in steps:
        depth[start] = 0
        queue = deque([start])
        while queue:
            key = queue.popleft()
            for target in rules.step_successors(steps[key]):
                if target in steps and target not in depth:
                    depth[target] = depth[key] + 1
                    queue.append(target)
    last = max(depth.values(), default=-1) + 1
    return {key: depth.get(key, last) for key in steps}


def _label(step: Mapping[str, Any]) -> str:
    title = str(step.get("title") or step.get("prompt") or "")
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…"


def scenario_svg(scenario: Any) -> str:
    """An SVG diagram of the scenario's steps and choices ("" when there is no step to draw)."""
    if not isinstance(scenario, Mapping):
        return ""
    steps = rules.steps_by_key(scenario)
    if not steps:
        return ""
    columns = _columns(scenario, steps)
    rows: dict[str, int] = {}
    per_column: dict[int, int] = {}
    for key in steps:
        rows[key] = per_column.get(columns[key], 0)
        per_column[columns[key]] = rows[key] + 1
    recommended = rules.recommended_path(scenario) if str(scenario.get("start", "")) in steps else []
    recommended_edges = set(pairwise(recommended))

    def box(key: str) -> tuple[int, int]:
        return (
            MARGIN + columns[key] * (NODE_WIDTH + COLUMN_GAP),
            MARGIN + rows[key] * (NODE_HEIGHT + ROW_GAP),
        )

    width = MARGIN * 2 + (max(columns.values()) + 1) * (NODE_WIDTH + COLUMN_GAP) - COLUMN_GAP
    height = MARGIN * 2 + max(per_column.values()) * (NODE_HEIGHT + ROW_GAP) - ROW_GAP
    title = _("Scenario graph: %(count)s steps, the recommended path in blue") % {"count": len(steps)}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="crisis-graph" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="crisis-graph-title">',
        f'<title id="crisis-graph-title">{escape(title)}</title>',
        '<defs><marker id="crisis-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
        'orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="context-stroke"/></marker></defs>',
    ]
    for key, step in steps.items():
        x, y = box(key)
        kind = rules.step_kind(step)
        if kind == rules.ENDING:
            continue
        labelled = (
            [(str(c.get("key", "")), str(c.get("next"))) for c in step.get("choices") or [] if isinstance(c, Mapping)]
            if kind == rules.CHOICE
            else [("✎", str(step.get("next")))]
        )
        for label, target in labelled:
            if target not in steps:
                continue
            tx, ty = box(target)
            on_path = (key, target) in recommended_edges
            colour, stroke = (RECOMMENDED, 3) if on_path else (PLAIN, 1.5)
            flag = ' data-recommended="true"' if on_path else ""
            x1, y1, x2, y2 = x + NODE_WIDTH, y + NODE_HEIGHT // 2, tx, ty + NODE_HEIGHT // 2
            parts.append(
                f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="{colour}" stroke-width="{stroke}" '
                f'marker-end="url(#crisis-arrow)" data-from="{escape(key)}" data-to="{escape(target)}"'
                f"{flag}/>"
            )
            parts.append(
                f'<text x="{(x1 + x2) // 2}" y="{(y1 + y2) // 2 - 4}" font-size="11" fill="{colour}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    for key, step in steps.items():
        x, y = box(key)
        kind = rules.step_kind(step)
        fill = OUTCOME_FILLS.get(str(step.get("outcome")), "#eeeeee") if kind == rules.ENDING else "#ffffff"
        border = RECOMMENDED if key in recommended else PLAIN
        parts.append(f'<g data-step="{escape(key)}">')
        parts.append(
            f'<rect x="{x}" y="{y}" width="{NODE_WIDTH}" height="{NODE_HEIGHT}" rx="6" fill="{fill}" '
            f'stroke="{border}" stroke-width="{2 if key in recommended else 1}"/>'
        )
        parts.append(f'<text x="{x + 8}" y="{y + 18}" font-size="12" font-weight="bold">{escape(key)}</text>')
        parts.append(f'<text x="{x + 8}" y="{y + 36}" font-size="11">{escape(_label(step))}</text>')
        parts.append("</g>")
    parts.append("</svg>")
    return "".join(parts)

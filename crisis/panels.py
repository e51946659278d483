"""The read-only panel showing the scenario's graph in the editor."""

from __future__ import annotations

from typing import Any

from wagtail.admin.panels import Panel

from .graph import scenario_svg


class ScenarioGraphPanel(Panel):
    """The steps and choices as a server-drawn SVG diagram, the recommended path highlighted."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "crisis/panels/scenario_graph.html"

        def get_context_data(self, parent_context: dict[str, Any] | None = None) -> dict[str, Any]:
            context = super().get_context_data(parent_context)
            context["svg"] = scenario_svg(getattr(self.instance, "definition", None))
            return context

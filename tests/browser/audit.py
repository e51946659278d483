"""Accessibility and layout checks run on a Playwright page."""

from axe_playwright_python.sync_playwright import Axe

from .conftest import SCREENSHOTS

BLOCKING_IMPACTS = {"serious", "critical"}
_axe = Axe()


def axe_blocking_violations(page) -> list[str]:
    """axe-core findings of serious or critical impact, one readable line each."""
    results = _axe.run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + ", ".join(str(node["target"]) for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the viewport (0 when nothing scrolls sideways)."""
    return page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

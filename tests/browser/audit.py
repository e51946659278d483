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


ICON_LIMIT_PX = 48


def oversized_icons(page, limit: int = ICON_LIMIT_PX) -> list[str]:
    """Icons (SVG) in headers and buttons drawn larger than ``limit`` pixels: axe does not look at sizes."""
    return page.evaluate(
        """(limit) => Array.from(document.querySelectorAll(
          "header svg, button svg, a.button svg, .w-header-button svg"))
          .filter(icon => { const box = icon.getBoundingClientRect(); return box.width > limit || box.height > limit; })
          .slice(0, 5).map(icon => (icon.closest("a,button,header") || icon).textContent.trim().slice(0, 40)
            + " " + Math.round(icon.getBoundingClientRect().width) + "px")""",
        limit,
    )


def clipped_titles(page) -> list[str]:
    """Visible page titles whose text does not fit their box (cut, as « Progressio »): our h1, and in the
    Wagtail admin the header's current breadcrumb, which is the visible title (its h1 is for screen readers)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll("h1, header [aria-current='page']"))
          .filter(title => title.clientWidth > 1 && title.scrollWidth > title.clientWidth + 1)
          .map(title => title.textContent.trim().slice(0, 60))"""
    )


def overflowing_boxes(page) -> list[str]:
    """Text boxes whose content is wider than the box itself (a long word or a table cell spilling over its
    border): the viewport check misses these when the spill stays inside the page's width."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(["p", "li", "td", "th", "dd", "label", "legend", "button",
          "h1", "h2", "h3"].map(tag => "main " + tag).join(", ")))
          .filter(box => box.clientWidth > 0 && getComputedStyle(box).overflowX === "visible"
            && box.scrollWidth > box.clientWidth + 1)
          .slice(0, 5).map(box => box.tagName + ": " + box.textContent.trim().slice(0, 50)
            + " (" + box.scrollWidth + " > " + box.clientWidth + ")")"""
    )


PHONE_HEADER_LIMIT_PX = 170


def header_height(page) -> int:
    """Height of the site header in CSS pixels (0 on pages without it, such as the Wagtail admin)."""
    return page.evaluate(
        """() => { const header = document.querySelector(".site-header");
          return header ? Math.round(header.getBoundingClientRect().height) : 0; }"""
    )


def console_errors(page, *, status: int = 200) -> list[str]:
    """Errors the page logged (a CSP refusal, a script error); the browser's own line about the page's
    expected error status (a 404 page answers 404) is not a fault."""
    expected = f"status of {status}" if status >= 400 else None
    return [text for text in page.console_errors if not (expected and expected in text)]


def broken_images(page) -> list[str]:
    """Images that failed to load (a blocked avatar, a missing rendition)."""
    return page.evaluate(
        """() => Array.from(document.images).filter(image => image.complete && image.naturalWidth === 0)
          .map(image => image.currentSrc || image.src)"""
    )

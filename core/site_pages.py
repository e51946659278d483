"""The site's information pages (legal notice, accessibility, personal data, contact) from ``content/site/``.

Each file is Markdown with a YAML front matter (``slug``, ``title``). Loading creates the pages that do not
exist yet, under the home page, shown in the footer. A page that exists is never overwritten: the
organisation running the site completes and edits these pages in the admin, and its edits are the truth.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction

from core.markdown import markdown_to_plain_text, markdown_to_rich_text

from .models import HomePage, InfoPage


class SitePageError(ValueError):
    """A content file for a site page cannot be read; the message names the file and the problem."""


@dataclass(frozen=True)
class SitePageSpec:
    slug: str
    title: str
    body: str
    source: Path


def site_page_read(path: Path) -> SitePageSpec:
    text = path.read_text(encoding="utf-8")
    parts = text.split("---", 2)
    if not text.startswith("---") or len(parts) < 3:
        raise SitePageError(f"{path}: the file must start with a front matter between « --- » lines")
    try:
        front = yaml.safe_load(parts[1]) or {}
    except yaml.YAMLError as exc:
        raise SitePageError(f"{path}: the front matter is not valid YAML ({exc})") from exc
    if not isinstance(front, dict) or not all(isinstance(front.get(key), str) for key in ("slug", "title")):
        raise SitePageError(f"{path}: the front matter needs a « slug » and a « title »")
    body = parts[2].strip()
    if not body:
        raise SitePageError(f"{path}: the page has no text")
    return SitePageSpec(slug=front["slug"], title=markdown_to_plain_text(front["title"]), body=body, source=path)


def site_pages_read(folder: Path) -> list[SitePageSpec]:
    """Every page of the folder, in file-name order (the footer's order)."""
    return [site_page_read(path) for path in sorted(folder.glob("*.md"))]


@transaction.atomic
def site_pages_load(specs: list[SitePageSpec]) -> list[str]:
    """Create the missing pages under the home page, published and shown in menus; return their slugs."""
    home = HomePage.objects.order_by("depth", "path").first()
    if home is None:
        raise SitePageError("the site has no home page to attach the information pages to")
    existing = set(home.get_children().values_list("slug", flat=True))
    created = []
    for spec in specs:
        if spec.slug in existing:
            continue
        page = InfoPage(
            title=spec.title, slug=spec.slug, body=markdown_to_rich_text(spec.body, headings=True), show_in_menus=True
        )
        home.add_child(instance=page)
        page.save_revision().publish()
        created.append(spec.slug)
    return created

"""``{% page_part %}``: render once the parts of a page that are the same for every reader.

A signed-in lesson spent most of its time rendering what every learner sees alike: breadcrumbs, the lesson's
header, the module's table of contents, the pager. Wrapped in ``{% page_part "name" page %}`` …
``{% endpage_part %}``, such a part is rendered once per published revision, interface language and
generation of the page tree (core.page_cache, so links follow moves and publications) and reused by every
request; only what belongs to the learner (progress, forms, the user menu) is rendered per request, outside
the parts. The request's host is in the key, and extra arguments after the page are added to it (what else
the part depends on).

What keeps one reader's data out of everyone's copy:

- inside a part, ``user`` is None and a ``{% csrf_token %}`` raises an error instead of rendering a token;
- previews, pages without a published revision and a part whose key is empty are rendered each time.
"""

from __future__ import annotations

from django import template
from django.template.base import FilterExpression, NodeList, Parser, Token
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from core.page_cache import page_part_get

register = template.Library()

PAGE_PART_SECONDS = 24 * 3600


class CsrfTokenInPagePartError(template.TemplateSyntaxError):
    """A ``{% csrf_token %}`` inside a page part would hand one visitor's token to every other."""


class _NoToken:
    """Stands for ``csrf_token`` inside a part: rendering it is a mistake in the template, so it fails loudly."""

    def __str__(self) -> str:
        raise CsrfTokenInPagePartError("A page part is shared by every reader: keep {% csrf_token %} out of it.")

    def __html__(self) -> str:
        return str(self)


class PagePartNode(template.Node):
    def __init__(self, nodelist: NodeList, name: FilterExpression, page: FilterExpression, vary_on: list) -> None:
        self.nodelist = nodelist
        self.name = name
        self.page = page
        self.vary_on = vary_on

    def _render_shared(self, context: template.Context) -> str:
        with context.push(user=None, csrf_token=_NoToken()):
            return str(self.nodelist.render(context))

    def render(self, context: template.Context) -> SafeString:
        request = context.get("request")
        page = self.page.resolve(context)
        vary = [str(expression.resolve(context)) for expression in self.vary_on]
        cacheable = (
            not getattr(request, "is_preview", False)
            and getattr(page, "live", False)
            and getattr(page, "live_revision_id", None)
            and all(vary)
        )
        if request is None or not cacheable:
            return mark_safe(self._render_shared(context))  # noqa: S308 -- the template's own output
        name = self.name.resolve(context)
        # The host too: a link to a page of another site is absolute, and relative to this one otherwise.
        key = f"core:part:{name}:{page.pk}:{page.live_revision_id}:{get_language()}:{request.get_host()}:" + ":".join(
            vary
        )
        html = page_part_get(key, lambda: self._render_shared(context), timeout=PAGE_PART_SECONDS)
        return mark_safe(html)  # noqa: S308 -- the template's own output, cached as a plain string


@register.tag("page_part")
def page_part(parser: Parser, token: Token) -> PagePartNode:
    """``{% page_part "name" page [vary_on …] %}`` … ``{% endpage_part %}`` (see the module's docstring)."""
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a name and a page: {{% {bits[0]} 'name' page %}}")
    nodelist = parser.parse(("endpage_part",))
    parser.delete_first_token()
    name, page, *vary_on = (parser.compile_filter(bit) for bit in bits[1:])
    return PagePartNode(nodelist, name, page, vary_on)

"""The sitemap: Wagtail's, with every location on the public address (core.urls)."""

from urllib.parse import urlsplit, urlunsplit

from wagtail.contrib.sitemaps import Sitemap

from core.urls import public_url


class PublicSitemap(Sitemap):
    """Wagtail's page sitemap; locations use BASE_URL (or the crawler's request), not the Site's hostname.

    Wagtail writes ``page.get_full_url()``, built from the Site record, which names ``localhost`` until
    someone edits it; the sitemap protocol wants URLs on the host that served the sitemap.
    """

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        for url_info in urls:
            location = urlsplit(url_info["location"])
            path = urlunsplit(("", "", location.path or "/", location.query, location.fragment))
            url_info["location"] = public_url(path, request=self.request)
        return urls

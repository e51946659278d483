"""Writes for the site as a whole."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.db import transaction
from wagtail.models import Site


class SiteAddressError(ValueError):
    """The address cannot be a Wagtail Site's; the message says why."""


@dataclass(frozen=True)
class SiteAddress:
    """Where a Wagtail Site listens."""

    hostname: str
    port: int


def site_address_parse(*, url: str) -> SiteAddress:
    """The hostname and port of a public base URL such as ``http://127.0.0.1:8401``.

    A Wagtail Site knows a hostname and a port only and assumes https on 443 and http elsewhere,
    so an address it cannot reproduce (https on another port, a path) is refused rather than bent.
    """
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise SiteAddressError(f"Not a URL: {url!r}.") from exc
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise SiteAddressError(f"Give an http:// or https:// address with a host name, not {url!r}.")
    if parts.path not in {"", "/"} or parts.query or parts.fragment:
        raise SiteAddressError(f"The site is served at the root of its host: {url!r} has a path.")
    if port is None:
        port = 443 if parts.scheme == "https" else 80
    if (parts.scheme == "https") != (port == 443):
        raise SiteAddressError(f"A Wagtail Site is https on port 443 only and http elsewhere: {url!r}.")
    return SiteAddress(hostname=parts.hostname, port=port)


@transaction.atomic
def default_site_address_set(*, url: str) -> bool:
    """Give the default Wagtail Site the hostname and port of `url`. Returns whether anything changed.

    Wagtail builds page URLs (admin "view live" links, `page.full_url`) from the Site, so it must name
    the address the site is served on, like BASE_URL does for our own absolute URLs.
    """
    address = site_address_parse(url=url)
    site = Site.objects.select_for_update().filter(is_default_site=True).first()
    if site is None:
        raise SiteAddressError("There is no default Wagtail Site: run the migrations first.")
    if (site.hostname, site.port) == (address.hostname, address.port):
        return False
    site.hostname, site.port = address.hostname, address.port
    try:
        site.full_clean()
    except ValidationError as exc:  # another Site already has this hostname and port
        raise SiteAddressError(" ".join(exc.messages)) from exc
    site.save()
    return True

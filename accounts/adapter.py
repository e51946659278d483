"""allauth adapter: account e-mails name the site « Lumière » and link to its public address; failed logins
are counted per account and client address."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from django.conf import settings

from core.urls import public_base_url, public_url, request_origin


@dataclass(frozen=True)
class EmailSite:
    """What allauth's e-mail templates read as ``current_site``: our name, and the public host."""

    name: str
    domain: str


class AccountAdapter(DefaultAccountAdapter):
    """allauth's adapter with account e-mails built on core.urls (settings.ACCOUNT_ADAPTER)."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        """Send an account e-mail whose greeting names Lumière and whose links use the public address.

        Without django.contrib.sites, allauth's ``current_site`` is the request's host, so e-mails
        greeted people with « Bonjour, c'est 127.0.0.1:8401 ! »; and allauth builds its links from the
        request, which may differ from BASE_URL. Both now come from core.urls.
        """
        request = allauth_context.request
        base_url = public_base_url(request=request)
        context = {
            "current_site": EmailSite(name=settings.WAGTAIL_SITE_NAME, domain=urlsplit(base_url).netloc),
            "site_url": base_url + "/",
            **_links_on_public_address(context, request=request),
        }
        super().send_mail(template_prefix, email, context)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """Count failed logins per (account, client address), not per account alone.

        allauth keys its ``login_failed`` "/key" limit on the e-mail only, so five wrong passwords typed
        by anyone, from anywhere, locked the learner out everywhere: whoever knew an address could keep
        its owner out. With the address in the key, the guesses lock only (account, that address); the
        learner still signs in from her own network, and the per-address limits bound the guessing.
        """
        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{self.get_client_ip(request)}"


def _links_on_public_address(context: dict, *, request) -> dict:
    """The context with every link allauth built from the request (``…_url``) moved to the public address."""
    if request is None:
        return dict(context)
    origin = request_origin(request)
    moved = {}
    for key, value in context.items():
        if key.endswith("_url") and isinstance(value, str) and value.startswith(origin + "/"):
            value = public_url(value.removeprefix(origin), request=request)
        moved[key] = value
    return moved

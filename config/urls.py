"""URL configuration. Wagtail's page tree serves everything not matched before it."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.templatetags.static import static as static_url
from django.urls import include, path, reverse_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import views as core_views
from core.sitemaps import PublicSitemap


class AdminLoginRedirectView(RedirectView):
    """Send Wagtail's own login page to allauth's, so one login (and its rate limits) serves both.

    A signed-in learner who opens the admin gets a 403 page: sending her to the login page would send her
    straight back (allauth redirects signed-in users to ``next``), a redirect loop.
    """

    # Lazy (URLconf not loaded yet); RedirectView formats it into a str at request time.
    url = reverse_lazy("account_login")  # type: ignore[assignment]
    query_string = True

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            raise PermissionDenied
        return super().get(request, *args, **kwargs)


class FaviconRedirectView(RedirectView):
    """Browsers and feed readers ask for /favicon.ico whatever the page declares."""

    permanent = True

    def get_redirect_url(self, *args, **kwargs):
        return static_url("favicon-32.png")


urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
    # No CSRF token: choosing a language only sets a cookie, and a token in the switcher made every page
    # someone's own, so no page could be cached for anonymous visitors (core.page_cache).
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/login/", AdminLoginRedirectView.as_view(), name="wagtailadmin_login"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/profile/", include("accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("recherche/", include("lessons.urls")),
    path("quiz/", include("quizzes.urls")),
    path("mon-apprentissage/", include("progress.urls")),
    path("certificats/", include("certificates.urls")),
    path("cohortes/", include("cohorts.urls")),
    path("rappels/", include("reminders.urls")),
    path("atelier-publication/", include("studio.urls")),
    path("simulation-de-crise/", include("crisis.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": {"pages": PublicSitemap}}, name="sitemap"),
    path("favicon.ico", FaviconRedirectView.as_view(), name="favicon"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]

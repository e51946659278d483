"""What every page shares: French error pages, the footer's information pages, icons, titles, content language."""

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.views.defaults import permission_denied, server_error

from core.models import InfoPage
from core.site_pages import SitePageError, site_page_read, site_pages_load, site_pages_read
from lessons.models import LessonPage
from tests.factories import make_course

pytestmark = pytest.mark.django_db

SITE_PAGES = settings.BASE_DIR / "content" / "site"


@pytest.fixture
def site_pages():
    site_pages_load(site_pages_read(SITE_PAGES))
    return {page.slug: page for page in InfoPage.objects.all()}


def test_an_unknown_address_gets_a_french_404_page_with_ways_out(client):
    make_course()
    response = client.get("/cette-page-n-existe-pas/")

    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Page introuvable</h1>" in html
    assert "Page introuvable – Lumière</title>" in html
    assert 'href="/recherche/"' in html
    assert "Not Found" not in html


def test_a_server_error_gets_a_french_page_that_needs_no_database(rf, django_assert_num_queries):
    request = rf.get("/")
    with django_assert_num_queries(0):
        response = server_error(request)

    html = response.content.decode()
    assert response.status_code == 500
    assert "Un problème est survenu de notre côté" in html
    assert "est conservé" in html


@pytest.mark.urls("tests.core.urls_failing")
def test_an_exception_in_a_view_shows_the_french_500_page():
    client = Client(raise_request_exception=False)
    response = client.get("/boum/")

    assert response.status_code == 500
    assert "Erreur du serveur – Lumière" in response.content.decode()


def test_an_unknown_host_gets_a_french_400_page(client):
    response = client.get("/", HTTP_HOST="pirate.example")

    assert response.status_code == 400
    assert "Cette demande ne peut pas être traitée" in response.content.decode()


def test_a_form_sent_without_its_csrf_token_gets_a_french_explanation(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "a@example.org", "password": "x"})

    assert response.status_code == 403
    assert "Ce formulaire a expiré" in response.content.decode()


def test_the_loader_creates_the_four_information_pages_linked_from_every_footer(client, site_pages):
    make_course()
    assert set(site_pages) == {"mentions-legales", "accessibilite", "donnees-personnelles", "contact"}

    for address in ("/", "/catalogue/", "/accounts/login/"):
        html = client.get(address).content.decode()
        for slug in site_pages:
            assert f'href="/{slug}/"' in html, (address, slug)

    page = client.get("/accessibilite/").content.decode()
    assert '<h1 id="info-title">Déclaration d’accessibilité</h1>' in page
    assert "<h2>État de conformité</h2>" in page
    assert "non conforme" in page


def test_the_personal_data_page_links_to_the_real_download_and_deletion_pages(client, site_pages, learner):
    html = client.get("/donnees-personnelles/").content.decode()
    client.force_login(learner)

    for link in ('href="/mon-apprentissage/mes-donnees/"', 'href="/mon-apprentissage/supprimer-mon-compte/"'):
        assert link in html
        assert client.get(link.split('"')[1]).status_code == 200


def test_loading_again_keeps_what_the_site_manager_wrote(site_pages):
    contact = site_pages["contact"]
    contact.body = "<p>Écrivez à formation@musee.example</p>"
    contact.save_revision().publish()

    created = site_pages_load(site_pages_read(SITE_PAGES))

    assert created == []
    assert "formation@musee.example" in InfoPage.objects.get(slug="contact").body
    assert InfoPage.objects.count() == 4


def test_an_unpublished_information_page_leaves_the_footer_at_once(client, site_pages):
    assert 'href="/contact/"' in client.get("/").content.decode()  # now cached

    site_pages["contact"].unpublish()

    assert 'href="/contact/"' not in client.get("/").content.decode()


def test_a_page_file_without_a_title_is_refused_with_its_name(tmp_path):
    source = tmp_path / "01-x.md"
    source.write_text("---\nslug: x\n---\nTexte.\n", encoding="utf-8")

    with pytest.raises(SitePageError, match=r"01-x\.md.*title"):
        site_page_read(source)


def test_the_home_page_title_does_not_repeat_the_site_name(client):
    html = client.get("/").content.decode()

    assert "Lumière – Lumière" not in html
    assert "<title>Lumière – Se former aux réseaux sociaux des musées</title>" in html


def test_pages_declare_an_icon_and_the_browsers_default_address_finds_it(client):
    html = client.get("/").content.decode()
    assert 'rel="icon" href="/static/favicon.svg"' in html

    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("favicon-32.png")


def test_french_content_is_marked_french_under_the_english_interface(client):
    course = make_course(modules=1, lessons=1)
    lesson_url = LessonPage.objects.descendant_of(course).get().url

    french = client.get(lesson_url).content.decode()
    assert '<h1 id="lesson-title">' in french

    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(lesson_url).content.decode()
    assert '<html lang="en">' in english
    assert '<h1 id="lesson-title" lang="fr">' in english
    assert '<div class="lesson__body" lang="fr">' in english
    assert "Reading time" in english  # the interface itself stays English


def test_the_403_page_is_french_and_offers_to_log_in(rf):
    request = rf.get("/cohortes/x/")
    request.user = AnonymousUser()
    html = permission_denied(request, PermissionDenied()).content.decode()

    assert "Vous ne pouvez pas ouvrir cette page" in html
    assert "Connectez-vous" in html
    assert "next=/cohortes/x/" in html


def test_the_admin_shows_no_third_party_avatar(client, trainer):
    client.force_login(trainer)

    html = client.get("/admin/").content.decode()

    assert "gravatar" not in html.lower()


def test_every_page_has_a_search_box_that_works_without_javascript(client):
    course = make_course(modules=1, lessons=1)
    lesson = LessonPage.objects.descendant_of(course).get()

    for address in ("/", course.url, lesson.url, "/accounts/login/"):
        html = client.get(address).content.decode()
        assert '<form class="header-search" method="get" action="/recherche/" role="search">' in html, address
        assert '<label class="visually-hidden" for="header-search-q">' in html

    results = client.get("/recherche/", {"q": "médiation"}).content.decode()
    assert f'href="{lesson.url}"' in results


def test_a_learner_who_opens_the_admin_is_told_no_instead_of_looping(client, learner):
    client.force_login(learner)

    response = client.get("/admin/", follow=True)

    assert response.status_code == 403
    assert "Votre compte ne donne pas accès à cette page" in response.content.decode()


def test_a_visitor_who_opens_the_admin_is_sent_to_the_one_login_page(client):
    response = client.get("/admin/", follow=True)

    assert response.redirect_chain[-1][0].startswith("/accounts/login/?next=")
    assert response.status_code == 200

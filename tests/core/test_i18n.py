import pytest

pytestmark = pytest.mark.django_db


def test_home_page_is_in_french_by_default(client):
    html = client.get("/").content.decode()

    assert '<html lang="fr">' in html
    assert "Aller au contenu" in html
    assert "Connexion" in html


def test_language_switch_to_english_and_back(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302

    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to content" in html

    client.post("/i18n/setlang/", {"language": "fr", "next": "/"})
    assert '<html lang="fr">' in client.get("/").content.decode()


def test_language_switcher_works_without_javascript(client):
    html = client.get("/").content.decode()

    assert 'action="/i18n/setlang/"' in html
    assert 'name="language" value="en"' in html

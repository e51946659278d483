import pytest

pytestmark = pytest.mark.django_db


def _csp(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in header.split(";")) if part}


def test_public_pages_forbid_inline_script(client):
    policy = _csp(client.get("/"))

    assert policy["script-src"] == "script-src 'self'"
    assert policy["object-src"] == "object-src 'none'"
    assert "unsafe-inline" not in client.get("/")["Content-Security-Policy"]


def test_public_pages_contain_no_inline_script(client):
    html = client.get("/").content.decode()

    assert "<script>" not in html
    assert " onclick=" not in html


def test_admin_gets_its_own_policy(client, trainer):
    client.force_login(trainer)

    policy = _csp(client.get("/admin/"))

    assert "'unsafe-inline'" in policy["script-src"]


def test_session_and_csrf_cookies_are_httponly(client, learner):
    assert client.get("/accounts/login/").cookies["csrftoken"]["httponly"]

    response = client.post("/accounts/login/", {"login": learner.email, "password": "correct-horse-battery"})

    assert response.status_code == 302
    assert response.cookies["sessionid"]["httponly"]

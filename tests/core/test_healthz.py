import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken_execute(self, sql, params=None):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken_execute)


def test_healthz_is_ok_when_django_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_stays_ok_when_database_is_unreachable_it_is_liveness_only(client, database_down):
    response = client.get("/healthz")

    assert response.status_code == 200


def test_readyz_is_ok_when_database_and_cache_answer(client):
    response = client.get("/readyz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_readyz_is_503_when_database_is_unreachable(client, database_down):
    response = client.get("/readyz")

    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"

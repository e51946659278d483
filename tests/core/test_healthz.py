import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


def test_healthz_is_ok_when_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_is_503_when_database_is_unreachable(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken_execute(self, sql, params=None):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(CursorWrapper, "execute", broken_execute)

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"

"""Fixtures for progress tests: pages rendered in English, so assertions read the source strings."""

import pytest


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client

"""Settings for several app hosts: object storage, task backend, request ids in structured logs."""

import json
import logging

import pytest
from django.core.files.storage import storages
from django.test import override_settings

from config.env import ConfigurationError, media_origin, storages_config, tasks_config


def test_files_stay_on_local_disk_without_a_bucket(tmp_path):
    config = storages_config({}, var_dir=tmp_path)

    assert config["default"]["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert config["private"]["OPTIONS"]["location"] == str(tmp_path / "private")
    assert media_origin({}) is None


def test_a_bucket_holds_media_and_private_files_under_separate_prefixes(tmp_path):
    environ = {"AWS_STORAGE_BUCKET_NAME": "lumiere", "AWS_S3_ENDPOINT_URL": "http://s3.internal:9000/"}

    config = storages_config(environ, var_dir=tmp_path)

    media, private = config["default"]["OPTIONS"], config["private"]["OPTIONS"]
    assert config["private"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert (media["bucket_name"], media["location"]) == ("lumiere", "media")
    assert (private["bucket_name"], private["location"]) == ("lumiere", "private")
    assert private["querystring_auth"] is True and private["querystring_expire"] == 300
    assert private["default_acl"] is None and private["custom_domain"] is None
    assert media_origin(environ) == "http://s3.internal:9000"


def test_private_files_may_have_their_own_bucket_and_never_a_custom_domain(tmp_path):
    environ = {
        "AWS_STORAGE_BUCKET_NAME": "lumiere-media",
        "AWS_PRIVATE_STORAGE_BUCKET_NAME": "lumiere-private",
        "AWS_S3_CUSTOM_DOMAIN": "media.lumiere.example",
        "AWS_QUERYSTRING_AUTH": "false",
    }

    config = storages_config(environ, var_dir=tmp_path)

    assert config["default"]["OPTIONS"]["custom_domain"] == "media.lumiere.example"
    assert config["default"]["OPTIONS"]["querystring_auth"] is False
    assert config["private"]["OPTIONS"]["bucket_name"] == "lumiere-private"
    assert config["private"]["OPTIONS"]["custom_domain"] is None
    assert config["private"]["OPTIONS"]["querystring_auth"] is True
    assert media_origin(environ) == "https://media.lumiere.example"


def test_a_private_file_link_from_the_bucket_is_signed_and_short_lived(tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test-key")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test-secret")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "us-east-1")
    environ = {"AWS_STORAGE_BUCKET_NAME": "lumiere", "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:1"}
    with override_settings(STORAGES=storages_config(environ, var_dir=tmp_path)):
        url = storages["private"].url("certificates/abc.pdf")  # signing is local: no request is made

    assert url.startswith("http://127.0.0.1:1/lumiere/private/certificates/abc.pdf?")
    assert "X-Amz-Signature=" in url and "X-Amz-Expires=300" in url


@pytest.mark.parametrize(
    ("name", "backend"),
    [
        ("immediate", "django_tasks.backends.immediate.ImmediateBackend"),
        ("database", "django_tasks_db.DatabaseBackend"),
    ],
)
def test_task_backend_is_chosen_by_name(name, backend):
    assert tasks_config(name)["default"]["BACKEND"] == backend


def test_an_unknown_task_backend_is_a_clear_error():
    with pytest.raises(ConfigurationError, match="TASKS_BACKEND"):
        tasks_config("celery")


@pytest.mark.django_db
def test_each_response_carries_a_request_id_and_a_sane_incoming_one_is_kept(client):
    fresh = client.get("/healthz")
    kept = client.get("/healthz", HTTP_X_REQUEST_ID="nginx-0123456789abcdef")
    hostile = client.get("/healthz", HTTP_X_REQUEST_ID='x" injected\nline')

    assert len(fresh["X-Request-ID"]) == 32
    assert kept["X-Request-ID"] == "nginx-0123456789abcdef"
    assert hostile["X-Request-ID"] != 'x" injected\nline' and len(hostile["X-Request-ID"]) == 32


def test_json_log_lines_carry_the_request_id():
    from django.conf import settings
    from pythonjsonlogger.json import JsonFormatter

    from core.logging import RequestIdFilter, request_id_var

    spec = settings.LOGGING["formatters"]["json"]
    json_formatter = JsonFormatter(spec["fmt"], rename_fields=spec["rename_fields"])
    record = logging.LogRecord("lumiere.test", logging.WARNING, __file__, 1, "Certificate %s issued", ("abc",), None)
    token = request_id_var.set("req-12345678")
    try:
        RequestIdFilter().filter(record)
    finally:
        request_id_var.reset(token)

    line = json.loads(json_formatter.format(record))
    assert line["request_id"] == "req-12345678"
    assert line["message"] == "Certificate abc issued"
    assert (line["level"], line["logger"]) == ("WARNING", "lumiere.test")

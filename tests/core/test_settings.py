"""DATABASE_URL and other environment parsing."""

from pathlib import Path

import pytest

from config.env import ConfigurationError, cache_config, database_config, env_bool, env_list


def test_default_database_is_sqlite_under_var(tmp_path):
    config = database_config(None, default_sqlite_path=tmp_path / "var" / "db.sqlite3")

    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert Path(config["NAME"]) == tmp_path / "var" / "db.sqlite3"
    assert (tmp_path / "var").is_dir()
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


def test_postgres_url_gives_persistent_checked_connections(tmp_path):
    config = database_config("postgres://lumiere:s3cret@db.internal:5433/lumiere", default_sqlite_path=tmp_path / "x")

    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "lumiere")
    assert (config["USER"], config["PASSWORD"]) == ("lumiere", "s3cret")
    assert config["CONN_MAX_AGE"] > 0
    assert config["CONN_HEALTH_CHECKS"] is True


def test_sqlite_keeps_its_connection_between_requests(tmp_path):
    config = database_config(None, default_sqlite_path=tmp_path / "var" / "db.sqlite3")

    assert config["CONN_MAX_AGE"] > 0


def test_explicit_sqlite_url(tmp_path):
    config = database_config(f"sqlite:///{tmp_path}/other.db", default_sqlite_path=tmp_path / "x")

    assert config["NAME"] == f"{tmp_path}/other.db"
    assert config["OPTIONS"]["transaction_mode"] == "IMMEDIATE"


@pytest.mark.parametrize("url", ["mysql://root@localhost/x", "nonsense://"])
def test_unsupported_database_url_is_a_clear_error(url, tmp_path):
    with pytest.raises(ConfigurationError, match="DATABASE_URL"):
        database_config(url, default_sqlite_path=tmp_path / "x")


def test_env_bool_rejects_unknown_words():
    assert env_bool("DEBUG", False, {"DEBUG": "True"}) is True
    assert env_bool("DEBUG", True, {"DEBUG": "off"}) is False
    assert env_bool("DEBUG", True, {}) is True
    with pytest.raises(ConfigurationError, match="DEBUG"):
        env_bool("DEBUG", False, {"DEBUG": "maybe"})


def test_env_list_splits_on_commas():
    assert env_list("ALLOWED_HOSTS", [], {"ALLOWED_HOSTS": "a.fr, b.fr,,"}) == ["a.fr", "b.fr"]


def test_redis_url_selects_redis_cache():
    assert cache_config("redis://127.0.0.1:6379/1")["default"]["BACKEND"] == "core.cache.DegradingRedisCache"
    assert cache_config("")["default"]["BACKEND"].endswith("LocMemCache")

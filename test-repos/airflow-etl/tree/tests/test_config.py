from pathlib import Path

import pytest

from etl.config import ConfigError, from_env


def test_missing_dsn_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("SALES_DB_DSN", raising=False)
    with pytest.raises(ConfigError, match="SALES_DB_DSN"):
        from_env()


def test_folders_default_under_data(monkeypatch):
    monkeypatch.setenv("SALES_DB_DSN", "postgresql://localhost/warehouse")
    monkeypatch.delenv("SALES_LANDING_DIR", raising=False)
    settings = from_env()
    assert settings.landing_dir == Path("data/landing")
    assert settings.db_dsn.endswith("/warehouse")

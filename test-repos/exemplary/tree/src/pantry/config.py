"""Runtime configuration, read once from the environment."""

from functools import lru_cache

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Settings come from PANTRY_* environment variables or a local .env file."""

    model_config = SettingsConfigDict(env_prefix="PANTRY_", env_file=".env", extra="ignore")

    database_url: str = "sqlite:///./pantry.db"
    expiry_warning_days: int = 3
    log_level: str = "info"


@lru_cache
def get_settings() -> Settings:
    return Settings()

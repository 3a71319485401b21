"""Application factory: `uvicorn --factory pantry.main:create_app`."""

import logging

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from pantry import __version__
from pantry.api import router
from pantry.config import Settings, get_settings
from pantry.db import Base, make_engine, make_session_factory
from pantry.service import ItemNotFound


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    logging.basicConfig(level=settings.log_level.upper())

    engine = make_engine(settings.database_url)
    Base.metadata.create_all(engine)

    app = FastAPI(title="Pantry Tracker", version=__version__)
    app.state.settings = settings
    app.state.sessions = make_session_factory(engine)
    app.include_router(router)

    @app.exception_handler(ItemNotFound)
    def not_found(_: Request, exc: ItemNotFound) -> JSONResponse:
        return JSONResponse(status_code=404, content={"detail": str(exc)})

    return app

"""HTTP routes. Each handler validates input and delegates to `service`."""

from collections.abc import Iterator
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status
from sqlalchemy.orm import Session

from pantry import service
from pantry.models import Item
from pantry.schemas import LOCATION_PATTERN, ExpiringOut, ItemIn, ItemOut, ItemUpdate

router = APIRouter()


def get_session(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


def get_today() -> date:
    """Overridden in tests so expiry maths does not depend on the calendar."""
    return date.today()


SessionDep = Annotated[Session, Depends(get_session)]
TodayDep = Annotated[date, Depends(get_today)]


@router.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}


@router.post("/items", response_model=ItemOut, status_code=status.HTTP_201_CREATED)
def create_item(data: ItemIn, session: SessionDep) -> Item:
    return service.add_item(session, data)


@router.get("/items", response_model=list[ItemOut])
def list_items(
    session: SessionDep,
    location: Annotated[str | None, Query(pattern=LOCATION_PATTERN)] = None,
) -> list[Item]:
    return list(service.list_items(session, location))


@router.get("/items/expiring", response_model=list[ExpiringOut])
def expiring_items(
    request: Request,
    session: SessionDep,
    today: TodayDep,
    within: Annotated[int | None, Query(ge=0, le=60)] = None,
) -> list[ExpiringOut]:
    days = request.app.state.settings.expiry_warning_days if within is None else within
    return [
        ExpiringOut(item=ItemOut.model_validate(e.item), days_left=e.days_left)
        for e in service.expiring(session, today, days)
    ]


@router.get("/items/{item_id}", response_model=ItemOut)
def get_item(item_id: int, session: SessionDep) -> Item:
    return service.get_item(session, item_id)


@router.patch("/items/{item_id}", response_model=ItemOut)
def update_item(item_id: int, data: ItemUpdate, session: SessionDep) -> Item | Response:
    item = service.update_item(session, item_id, data)
    if item is None:
        return Response(status_code=status.HTTP_204_NO_CONTENT)
    return item


@router.delete("/items/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_item(item_id: int, session: SessionDep) -> None:
    service.delete_item(session, item_id)

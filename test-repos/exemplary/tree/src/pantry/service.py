"""Business rules, kept free of FastAPI so they can be tested directly."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from pantry.models import Item
from pantry.schemas import ItemIn, ItemUpdate


class ItemNotFound(LookupError):
    def __init__(self, item_id: int) -> None:
        super().__init__(f"item {item_id} not found")
        self.item_id = item_id


@dataclass(frozen=True)
class Expiring:
    item: Item
    days_left: int


def add_item(session: Session, data: ItemIn) -> Item:
    item = Item(**data.model_dump())
    session.add(item)
    session.commit()
    return item


def get_item(session: Session, item_id: int) -> Item:
    item = session.get(Item, item_id)
    if item is None:
        raise ItemNotFound(item_id)
    return item


def list_items(session: Session, location: str | None = None) -> Sequence[Item]:
    query = select(Item).order_by(Item.name, Item.id)
    if location is not None:
        query = query.where(Item.location == location)
    return session.scalars(query).all()


def update_item(session: Session, item_id: int, data: ItemUpdate) -> Item | None:
    """Applies a partial update. Using up the last unit (quantity 0) removes the item."""
    item = get_item(session, item_id)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("quantity") == 0:
        session.delete(item)
        session.commit()
        return None
    for field, value in changes.items():
        setattr(item, field, value)
    session.commit()
    return item


def delete_item(session: Session, item_id: int) -> None:
    session.delete(get_item(session, item_id))
    session.commit()


def expiring(session: Session, today: date, within_days: int) -> list[Expiring]:
    """Items that expire within `within_days` days (or already have), soonest first."""
    query = select(Item).where(Item.expires_on.is_not(None)).order_by(Item.expires_on, Item.name)
    found: list[Expiring] = []
    for item in session.scalars(query):
        assert item.expires_on is not None  # filtered in the query
        days_left = (item.expires_on - today).days
        if days_left > within_days:
            break
        found.append(Expiring(item=item, days_left=days_left))
    return found

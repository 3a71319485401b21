from datetime import date, timedelta

import pytest
from sqlalchemy.orm import Session

from pantry import service
from pantry.schemas import ItemIn, ItemUpdate

TODAY = date(2024, 3, 1)


def add(session: Session, name: str, days: int | None = None, **extra: object) -> int:
    expires = None if days is None else TODAY + timedelta(days=days)
    data = ItemIn(name=name, expires_on=expires, **extra)  # type: ignore[arg-type]
    return service.add_item(session, data).id


def test_add_and_get(session: Session) -> None:
    item_id = add(session, "rice", quantity=2)
    item = service.get_item(session, item_id)
    assert item.name == "rice"
    assert item.quantity == 2
    assert item.location == "pantry"


def test_get_missing_item_raises(session: Session) -> None:
    with pytest.raises(service.ItemNotFound) as info:
        service.get_item(session, 404)
    assert info.value.item_id == 404


def test_list_filters_by_location_and_sorts_by_name(session: Session) -> None:
    add(session, "peas", location="freezer")
    add(session, "milk", location="fridge")
    add(session, "butter", location="fridge")
    names = [i.name for i in service.list_items(session, "fridge")]
    assert names == ["butter", "milk"]
    assert len(service.list_items(session)) == 3


def test_update_changes_only_given_fields(session: Session) -> None:
    item_id = add(session, "eggs", days=10, quantity=12, location="fridge")
    item = service.update_item(session, item_id, ItemUpdate(quantity=6))
    assert item is not None
    assert item.quantity == 6
    assert item.location == "fridge"
    assert item.expires_on == TODAY + timedelta(days=10)


def test_using_the_last_unit_removes_the_item(session: Session) -> None:
    item_id = add(session, "yoghurt", days=2)
    assert service.update_item(session, item_id, ItemUpdate(quantity=0)) is None
    with pytest.raises(service.ItemNotFound):
        service.get_item(session, item_id)


def test_delete_missing_item_raises(session: Session) -> None:
    with pytest.raises(service.ItemNotFound):
        service.delete_item(session, 7)


def test_expiring_is_soonest_first_and_respects_window(session: Session) -> None:
    add(session, "spinach", days=1)
    add(session, "cheese", days=3)
    add(session, "ham", days=-2)
    add(session, "pasta", days=200)
    add(session, "salt")
    found = service.expiring(session, TODAY, within_days=3)
    assert [(e.item.name, e.days_left) for e in found] == [
        ("ham", -2),
        ("spinach", 1),
        ("cheese", 3),
    ]


def test_expiring_with_zero_window_only_returns_today_or_past(session: Session) -> None:
    add(session, "bread", days=0)
    add(session, "apples", days=1)
    assert [e.item.name for e in service.expiring(session, TODAY, within_days=0)] == ["bread"]

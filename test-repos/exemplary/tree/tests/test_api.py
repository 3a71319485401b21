from typing import Any

from fastapi.testclient import TestClient


def create(client: TestClient, **body: Any) -> dict[str, Any]:
    response = client.post("/items", json=body)
    assert response.status_code == 201, response.text
    data: dict[str, Any] = response.json()
    return data


def test_health(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}


def test_create_then_fetch(client: TestClient) -> None:
    created = create(client, name="oats", quantity=2, expires_on="2024-06-01")
    fetched = client.get(f"/items/{created['id']}").json()
    assert fetched == {
        "id": created["id"],
        "name": "oats",
        "quantity": 2,
        "location": "pantry",
        "expires_on": "2024-06-01",
    }


def test_create_rejects_unknown_location(client: TestClient) -> None:
    response = client.post("/items", json={"name": "ice", "location": "garage"})
    assert response.status_code == 422


def test_create_rejects_empty_name(client: TestClient) -> None:
    assert client.post("/items", json={"name": ""}).status_code == 422


def test_missing_item_is_404(client: TestClient) -> None:
    response = client.get("/items/999")
    assert response.status_code == 404
    assert response.json() == {"detail": "item 999 not found"}


def test_list_by_location(client: TestClient) -> None:
    create(client, name="peas", location="freezer")
    create(client, name="jam")
    names = [i["name"] for i in client.get("/items", params={"location": "freezer"}).json()]
    assert names == ["peas"]


def test_patch_updates_and_last_unit_returns_204(client: TestClient) -> None:
    item = create(client, name="milk", quantity=2, location="fridge")
    response = client.patch(f"/items/{item['id']}", json={"quantity": 1})
    assert response.status_code == 200
    assert response.json()["quantity"] == 1
    response = client.patch(f"/items/{item['id']}", json={"quantity": 0})
    assert response.status_code == 204
    assert client.get(f"/items/{item['id']}").status_code == 404


def test_delete(client: TestClient) -> None:
    item = create(client, name="tea")
    assert client.delete(f"/items/{item['id']}").status_code == 204
    assert client.delete(f"/items/{item['id']}").status_code == 404


def test_expiring_uses_configured_window_by_default(client: TestClient) -> None:
    # The test client's "today" is 2024-03-01 and the window is 3 days.
    create(client, name="cream", expires_on="2024-03-02")
    create(client, name="lettuce", expires_on="2024-03-04")
    create(client, name="flour", expires_on="2024-09-01")
    body = client.get("/items/expiring").json()
    assert [(e["item"]["name"], e["days_left"]) for e in body] == [("cream", 1), ("lettuce", 3)]


def test_expiring_window_can_be_overridden(client: TestClient) -> None:
    create(client, name="cream", expires_on="2024-03-02")
    create(client, name="lettuce", expires_on="2024-03-04")
    body = client.get("/items/expiring", params={"within": 1}).json()
    assert [e["item"]["name"] for e in body] == ["cream"]
    assert client.get("/items/expiring", params={"within": 90}).status_code == 422

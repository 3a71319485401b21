"""Request and response bodies."""

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

LOCATION_PATTERN = "^(pantry|fridge|freezer)$"


class ItemIn(BaseModel):
    name: str = Field(min_length=1, max_length=120)
    quantity: int = Field(default=1, ge=1)
    location: str = Field(default="pantry", pattern=LOCATION_PATTERN)
    expires_on: date | None = None


class ItemUpdate(BaseModel):
    """A partial update; fields left out are not changed."""

    quantity: int | None = Field(default=None, ge=0)
    location: str | None = Field(default=None, pattern=LOCATION_PATTERN)
    expires_on: date | None = None


class ItemOut(ItemIn):
    model_config = ConfigDict(from_attributes=True)

    id: int


class ExpiringOut(BaseModel):
    item: ItemOut
    days_left: int

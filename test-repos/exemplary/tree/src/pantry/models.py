"""ORM models."""

from datetime import date

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pantry.db import Base


class Item(Base):
    __tablename__ = "items"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(120), index=True)
    quantity: Mapped[int] = mapped_column(Integer, default=1)
    location: Mapped[str] = mapped_column(String(20), default="pantry")
    expires_on: Mapped[date | None] = mapped_column(Date, nullable=True, index=True)

    def __repr__(self) -> str:
        return f"Item(id={self.id!r}, name={self.name!r}, quantity={self.quantity!r})"

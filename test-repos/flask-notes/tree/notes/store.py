"""A tiny SQLite-backed store for notes."""

import sqlite3
from dataclasses import dataclass


@dataclass
class Note:
    id: int
    text: str
    tags: list[str]


class NoteStore:
    """Notes and their tags in one SQLite file."""

    def __init__(self, path: str) -> None:
        self.conn = sqlite3.connect(path, check_same_thread=False)
        self.conn.execute("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, text TEXT, tags TEXT)")

    def add(self, text: str, tags: list[str]) -> int:
        cur = self.conn.execute("INSERT INTO notes (text, tags) VALUES (?, ?)", (text, ",".join(tags)))
        self.conn.commit()
        return int(cur.lastrowid or 0)

    def all(self) -> list[Note]:
        rows = self.conn.execute("SELECT id, text, tags FROM notes ORDER BY id DESC").fetchall()
        return [Note(r[0], r[1], [t for t in r[2].split(",") if t]) for r in rows]

    def search(self, query: str) -> list[Note]:
        return [n for n in self.all() if query.lower() in n.text.lower()]

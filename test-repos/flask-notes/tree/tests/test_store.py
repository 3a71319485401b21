from notes.store import NoteStore


def test_add_then_search(tmp_path):
    store = NoteStore(str(tmp_path / "n.db"))
    store.add("Call the plumber", ["home"])
    store.add("Read chapter 3", [])
    assert [n.text for n in store.search("plumber")] == ["Call the plumber"]


def test_newest_first(tmp_path):
    store = NoteStore(str(tmp_path / "n.db"))
    store.add("first", [])
    store.add("second", [])
    assert [n.text for n in store.all()] == ["second", "first"]

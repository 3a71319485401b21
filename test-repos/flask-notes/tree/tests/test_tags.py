from notes.tags import extract_tags


def test_tags_are_lower_cased_and_distinct():
    assert extract_tags("Buy #Milk and #milk and #bread") == ["milk", "bread"]


def test_text_without_tags():
    assert extract_tags("nothing here") == []

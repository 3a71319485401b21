from app.fetch import parse_article


def test_parse_article():
    html = "<html><title>Hello</title><body><p>" + "word " * 20 + "</p></body></html>"
    title, text = parse_article(html)
    assert title == "Hello"
    assert "word" in text

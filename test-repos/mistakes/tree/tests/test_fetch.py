from app.fetch import parse_article


def test_parse_article():
    html = "<html><title>Hello</title><body><p>" + "word " * 20 + "</p></body></html>"
    parse_article(html)


def test_parse_empty_page():
    parse_article("<html></html>")

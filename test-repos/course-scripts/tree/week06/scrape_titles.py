import requests
from bs4 import BeautifulSoup

URL = "https://news.ycombinator.com/"

page = requests.get(URL)
soup = BeautifulSoup(page.text, "html.parser")

for i, link in enumerate(soup.select(".titleline > a"), start=1):
    print(i, link.get_text())

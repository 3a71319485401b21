import string
import sys
from collections import Counter


def count_words(text):
    text = text.lower()
    for ch in string.punctuation:
        text = text.replace(ch, " ")
    return Counter(text.split())


if __name__ == "__main__":
    path = sys.argv[1] if len(sys.argv) > 1 else "sample.txt"
    with open(path, encoding="utf-8") as f:
        counts = count_words(f.read())
    for word, n in counts.most_common(10):
        print(f"{word:<15}{n}")

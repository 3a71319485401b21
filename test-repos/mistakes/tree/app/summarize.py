import os

from openai import OpenAI

client = OpenAI(api_key=os.getenv("OPENAI_API_KEY"))

MAX_CHARS = 12000


def summarize(text):
    text = text[:MAX_CHARS]
    response = client.chat.completions.create(
        model="gpt-3.5-turbo",
        messages=[
            {"role": "system", "content": "Summarize news articles in 3 short bullet points."},
            {"role": "user", "content": text},
        ],
    )
    return response.choices[0].message.content

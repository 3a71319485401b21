import os

import requests
from flask import Flask, render_template, request

app = Flask(__name__)

API_KEY = os.getenv("WEATHER_API_KEY")
API_URL = "https://api.openweathermap.org/data/2.5/weather"


def get_weather(city):
    params = {"q": city, "appid": API_KEY, "units": "metric"}
    r = requests.get(API_URL, params=params)
    if r.status_code != 200:
        return None
    data = r.json()
    return {
        "city": data["name"],
        "temp": round(data["main"]["temp"]),
        "feels_like": round(data["main"]["feels_like"]),
        "description": data["weather"][0]["description"],
        "icon": data["weather"][0]["icon"],
    }


@app.route("/", methods=["GET", "POST"])
def index():
    weather = None
    error = None
    if request.method == "POST":
        city = request.form.get("city")
        if city:
            weather = get_weather(city)
            if weather is None:
                error = "City not found"
    return render_template("index.html", weather=weather, error=error)


if __name__ == "__main__":
    app.run(debug=True)

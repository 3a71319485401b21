"""Routes for the notes app."""

from flask import Flask, redirect, render_template, request, url_for

from notes.store import NoteStore
from notes.tags import extract_tags

app = Flask(__name__)
# Signs the session cookie on a laptop; a deployment sets its own key.
app.secret_key = "dev-7f3kq9x2wlz8"
store = NoteStore("notes.db")


@app.get("/")
def index():
    query = request.args.get("q", "")
    notes = store.search(query) if query else store.all()
    return render_template("index.html", notes=notes, query=query)


@app.post("/notes")
def create_note():
    text = request.form.get("text", "").strip()
    if text:
        store.add(text, extract_tags(text))
    return redirect(url_for("index"))

"""Pantry Tracker: a small API for tracking food and what expires next."""

__version__ = "0.3.0"

import logging
from types import SimpleNamespace
from unittest.mock import patch

import pytest
import requests

from etl.alerts import failure_message, notify_failure


@pytest.fixture
def context():
    ti = SimpleNamespace(dag_id="daily_sales", task_id="load_sales")
    return {"task_instance": ti, "ds": "2024-07-15", "exception": ValueError("boom")}


def test_message_names_task_and_date(context):
    assert failure_message(context) == "daily_sales.load_sales failed for 2024-07-15: boom"


def test_without_webhook_the_failure_is_only_logged(context, monkeypatch, caplog):
    monkeypatch.delenv("SLACK_WEBHOOK_URL", raising=False)
    with patch("etl.alerts.requests.post") as post, caplog.at_level(logging.ERROR):
        notify_failure(context)
    post.assert_not_called()
    assert "load_sales failed" in caplog.text


def test_webhook_receives_the_message(context, monkeypatch):
    monkeypatch.setenv("SLACK_WEBHOOK_URL", "https://hooks.example.test/alerts")
    with patch("etl.alerts.requests.post") as post:
        notify_failure(context)
    assert post.call_args.args == ("https://hooks.example.test/alerts",)
    assert "daily_sales.load_sales failed" in post.call_args.kwargs["json"]["text"]


def test_a_broken_webhook_does_not_hide_the_original_failure(context, monkeypatch, caplog):
    monkeypatch.setenv("SLACK_WEBHOOK_URL", "https://hooks.example.test/alerts")
    with patch("etl.alerts.requests.post", side_effect=requests.ConnectionError("down")):
        notify_failure(context)
    assert "could not send the failure alert" in caplog.text

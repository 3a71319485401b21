"""Failure alerts: log the failed task and post it to Slack when a webhook is configured."""

from __future__ import annotations

import logging
import os
from typing import Any

import requests

log = logging.getLogger(__name__)


def failure_message(context: dict[str, Any]) -> str:
    """One line naming the DAG, task, logical date and error."""
    ti = context["task_instance"]
    error = context.get("exception") or "unknown error"
    return f"{ti.dag_id}.{ti.task_id} failed for {context.get('ds')}: {error}"


def notify_failure(context: dict[str, Any]) -> None:
    """Airflow on_failure_callback: log the failure and alert the team's channel."""
    message = failure_message(context)
    log.error(message)
    webhook = os.environ.get("SLACK_WEBHOOK_URL")
    if not webhook:
        return
    try:
        response = requests.post(webhook, json={"text": f":red_circle: {message}"}, timeout=10)
        response.raise_for_status()
    except requests.RequestException:
        log.exception("could not send the failure alert to Slack")

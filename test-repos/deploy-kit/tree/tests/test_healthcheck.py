import urllib.error
from unittest.mock import patch

import pytest

from kit.healthcheck import check, main, run


def test_healthy_url_passes_first_time(server_url, no_sleep):
    result = check(f"{server_url}/healthz", sleep=no_sleep.append)
    assert result.ok
    assert result.status == 200
    assert result.attempts == 1
    assert no_sleep == []


def test_wrong_status_is_retried_then_fails(server_url, no_sleep):
    result = check(f"{server_url}/missing", retries=3, delay=0.5, sleep=no_sleep.append)
    assert not result.ok
    assert result.status == 404
    assert result.attempts == 3
    assert no_sleep == [0.5, 0.5]


def test_expected_status_can_be_changed(server_url, no_sleep):
    assert check(f"{server_url}/missing", expect=404, sleep=no_sleep.append).ok


def test_recovers_when_the_service_comes_up(no_sleep):
    answers = [urllib.error.URLError("connection refused"), 503, 200]

    def fake_probe(url, timeout):
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    with patch("kit.healthcheck.probe", side_effect=fake_probe):
        result = check("http://app.internal/healthz", retries=5, sleep=no_sleep.append)
    assert result.ok
    assert result.attempts == 3


def test_unreachable_host_reports_the_reason(no_sleep):
    with patch("kit.healthcheck.probe", side_effect=urllib.error.URLError("name not known")):
        result = check("http://nowhere.invalid/", retries=2, sleep=no_sleep.append)
    assert not result.ok
    assert result.status is None
    assert "name not known" in result.detail


def test_run_keeps_url_order(server_url):
    urls = [f"{server_url}/healthz", f"{server_url}/readyz"]
    assert [r.url for r in run(urls, retries=1)] == urls


def test_cli_exit_codes(server_url):
    assert main([f"{server_url}/healthz", f"{server_url}/readyz"]) == 0
    assert main([f"{server_url}/nope", "--retries", "1"]) == 1


def test_only_http_urls_are_probed():
    from kit.healthcheck import probe

    with pytest.raises(ValueError, match="not an http"):
        probe("file:///etc/passwd", timeout=1)

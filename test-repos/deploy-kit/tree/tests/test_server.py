import json
import urllib.error
import urllib.request

import pytest

from kit import __version__


def get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_healthz_is_ok(server_url):
    assert get(f"{server_url}/healthz") == (200, {"status": "ok"})


def test_readyz_reports_ready(server_url):
    assert get(f"{server_url}/readyz") == (200, {"ready": True})


def test_version_includes_git_sha(server_url, monkeypatch):
    monkeypatch.setenv("APP_GIT_SHA", "abc1234")
    status, body = get(f"{server_url}/version")
    assert status == 200
    assert body == {"version": __version__, "git_sha": "abc1234"}


@pytest.mark.parametrize("path", ["/", "/admin", "/healthz/extra"])
def test_unknown_paths_are_404(server_url, path):
    status, body = get(server_url + path)
    assert status == 404
    assert body["error"] == "not found"


def test_query_strings_are_ignored(server_url):
    assert get(f"{server_url}/healthz?probe=k8s")[0] == 200

"""Smoke-test URLs after a deploy: retry until each answers as expected, or fail.

python -m kit.healthcheck https://status.example.com/healthz --retries 10 --delay 3
"""

from __future__ import annotations

import argparse
import logging
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckResult:
    """The outcome of checking one URL."""

    url: str
    ok: bool
    status: int | None
    attempts: int
    detail: str = ""


def probe(url: str, timeout: float) -> int:
    """One GET request; returns the HTTP status (error statuses included)."""
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"not an http(s) URL: {url}")
    request = urllib.request.Request(url, headers={"User-Agent": "deploy-kit-healthcheck"})  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return exc.code


def check(
    url: str,
    expect: int = 200,
    retries: int = 5,
    delay: float = 2.0,
    timeout: float = 3.0,
    sleep: Callable[[float], None] = time.sleep,
) -> CheckResult:
    """Probe a URL until it returns `expect`, at most `retries` times."""
    status: int | None = None
    detail = ""
    for attempt in range(1, retries + 1):
        try:
            status = probe(url, timeout)
            detail = f"HTTP {status}"
        except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
            status, detail = None, str(getattr(exc, "reason", exc))
        if status == expect:
            return CheckResult(url, True, status, attempt)
        log.warning("%s: attempt %d/%d: %s", url, attempt, retries, detail)
        if attempt < retries:
            sleep(delay)
    return CheckResult(url, False, status, retries, detail)


def run(
    urls: Sequence[str],
    expect: int = 200,
    retries: int = 5,
    delay: float = 2.0,
    timeout: float = 3.0,
) -> list[CheckResult]:
    """Check every URL; returns one result per URL, in order."""
    return [check(url, expect, retries, delay, timeout) for url in urls]


def main(argv: list[str] | None = None) -> int:
    """Exit 0 when every URL is healthy, 1 otherwise."""
    parser = argparse.ArgumentParser(prog="kit.healthcheck", description=__doc__.splitlines()[0])
    parser.add_argument("urls", nargs="+", metavar="URL")
    parser.add_argument("--expect", type=int, default=200, help="expected status (default 200)")
    parser.add_argument("--retries", type=int, default=5)
    parser.add_argument("--delay", type=float, default=2.0, help="seconds between attempts")
    parser.add_argument("--timeout", type=float, default=3.0, help="seconds per request")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")

    results = run(
        args.urls, expect=args.expect, retries=args.retries, delay=args.delay, timeout=args.timeout
    )
    for r in results:
        if r.ok:
            log.info("%s healthy after %d attempt(s)", r.url, r.attempts)
        else:
            log.error("%s unhealthy: %s", r.url, r.detail)
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())

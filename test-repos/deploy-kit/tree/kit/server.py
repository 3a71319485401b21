"""A minimal status service: /healthz, /readyz and /version, on the standard library only.

python -m kit.server --port 8000
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from kit import __version__

log = logging.getLogger(__name__)


class StatusHandler(BaseHTTPRequestHandler):
    """Answers the probe and version endpoints; everything else is 404."""

    server_version = f"deploy-kit/{__version__}"

    def do_GET(self) -> None:  # noqa: N802 - name required by BaseHTTPRequestHandler
        routes = {
            "/healthz": self.healthz,
            "/readyz": self.readyz,
            "/version": self.version,
        }
        handler = routes.get(self.path.split("?", 1)[0])
        if handler is None:
            self.send_json(HTTPStatus.NOT_FOUND, {"error": "not found"})
            return
        handler()

    def healthz(self) -> None:
        """Liveness: the process is up and serving requests."""
        self.send_json(HTTPStatus.OK, {"status": "ok"})

    def readyz(self) -> None:
        """Readiness: false while the server is draining before shutdown."""
        ready = not getattr(self.server, "draining", False)
        status = HTTPStatus.OK if ready else HTTPStatus.SERVICE_UNAVAILABLE
        self.send_json(status, {"ready": ready})

    def version(self) -> None:
        """Which build is running, for checking a rollout."""
        self.send_json(
            HTTPStatus.OK,
            {"version": __version__, "git_sha": os.environ.get("APP_GIT_SHA", "unknown")},
        )

    def send_json(self, status: HTTPStatus, body: dict[str, Any]) -> None:
        """Write a JSON response."""
        payload = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.info("%s %s", self.address_string(), format % args)


def make_server(host: str, port: int) -> ThreadingHTTPServer:
    """Create (but do not start) the status server."""
    server = ThreadingHTTPServer((host, port), StatusHandler)
    server.draining = False  # type: ignore[attr-defined]
    return server


def main(argv: list[str] | None = None) -> int:
    """Serve until SIGTERM, then stop accepting work and exit."""
    parser = argparse.ArgumentParser(prog="kit.server")
    # Inside a container the service must listen on every interface.
    parser.add_argument("--host", default="0.0.0.0")  # noqa: S104
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")

    server = make_server(args.host, args.port)

    def drain(signum: int, _frame: object) -> None:
        log.info("signal %d: draining and shutting down", signum)
        server.draining = True  # type: ignore[attr-defined]
        threading.Thread(target=server.shutdown, daemon=True).start()

    signal.signal(signal.SIGTERM, drain)
    log.info("serving on %s:%d (version %s)", args.host, args.port, __version__)
    server.serve_forever()
    server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

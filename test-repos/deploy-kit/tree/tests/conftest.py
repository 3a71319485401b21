import threading
from collections.abc import Iterator

import pytest

from kit.server import make_server


@pytest.fixture
def server_url() -> Iterator[str]:
    """The status server on a free local port, for the length of one test."""
    server = make_server("127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def no_sleep() -> list[float]:
    """Records the delays a retry loop asked for, without waiting."""
    return []

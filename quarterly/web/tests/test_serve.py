"""`quarterly serve` behind the TLS-terminating reverse proxy the README prescribes, over real HTTP."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(port: int, server: subprocess.Popen[str], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            output = server.stdout.read() if server.stdout else ""
            raise AssertionError(f"quarterly serve exited with {server.returncode}:\n{output}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise AssertionError(f"quarterly serve did not listen on port {port} within {timeout}s")


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[Callable[..., int]]:
    """Start `quarterly serve` configured for production behind a proxy; return its port."""
    servers: list[subprocess.Popen[str]] = []

    def start(**settings: str) -> int:
        port = _free_port()
        env = {**os.environ, "BEHIND_HTTPS_PROXY": "true", "SECURE_SSL_REDIRECT": "true"}
        # The page requested touches no database.
        for name in ("DATABASE_URL", "TRUSTED_PROXY", "DJANGO_SETTINGS_MODULE"):
            env.pop(name, None)
        env.update(QUARTERLY_DATA_DIR=str(tmp_path), **settings)
        server = subprocess.Popen(
            [sys.executable, "-m", "quarterly.cli", "serve", "--port", str(port), "--threads", "2"],
            cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        servers.append(server)
        _wait_for_port(port, server)
        return port

    yield start
    for server in servers:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        if server.stdout:
            server.stdout.close()


def _get(port: int, path: str, headers: dict[str, str]) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_serve_trusts_the_proxys_https_header_and_names_no_server(
    serve: Callable[..., int],
) -> None:
    # given quarterly serve with BEHIND_HTTPS_PROXY and SECURE_SSL_REDIRECT, and the proxy on
    # this machine (the default TRUSTED_PROXY)
    port = serve()
    # when the proxy forwards a request that arrived over HTTPS, and another arrives over HTTP
    via_https = _get(port, "/accessibility/", {"X-Forwarded-Proto": "https"})
    via_http = _get(port, "/accessibility/", {})
    # then the first is served and the second is redirected to HTTPS
    assert via_https.status == 200
    assert via_http.status == 301
    assert via_http.getheader("Location") == f"https://127.0.0.1:{port}/accessibility/"
    # and neither response says which server software answered
    for response in (via_https, via_http):
        names = {name.lower() for name, _ in response.getheaders()}
        assert "server" not in names and "via" not in names, response.getheaders()
        assert "waitress" not in str(response.getheaders()).lower()


def test_serve_ignores_forwarded_headers_from_anyone_but_the_trusted_proxy(
    serve: Callable[..., int],
) -> None:
    # given quarterly serve trusting a proxy at another address
    port = serve(TRUSTED_PROXY="192.0.2.10")
    # when a client on this machine claims its request arrived over HTTPS
    response = _get(port, "/accessibility/", {"X-Forwarded-Proto": "https"})
    # then the claim is ignored
    assert response.status == 301
    assert response.getheader("Location") == f"https://127.0.0.1:{port}/accessibility/"

"""The test sessions' web server (tests/conftest.py): an error while it serves never reaches the output a CLI test
captures in this process (run_cli redirects sys.stderr while the server's threads keep serving others)."""

from __future__ import annotations

import contextlib
import http.client
import http.server
import io
import threading
import urllib.error
import urllib.request

import pytest

from tests.conftest import LocalServer


class _Failing(http.server.BaseHTTPRequestHandler):
    error: type[Exception] = ValueError

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        raise self.error("while serving")

    def log_message(self, *args: object) -> None:
        pass


@pytest.mark.parametrize("error", [ValueError, ConnectionResetError, BrokenPipeError])
def test_an_error_while_serving_is_not_written_into_a_redirected_stderr(error: type[Exception],
                                                                        capfd: pytest.CaptureFixture) -> None:
    handler = type("Handler", (_Failing,), {"error": error})
    server = LocalServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    captured = io.StringIO()
    try:
        with contextlib.redirect_stderr(captured):
            with pytest.raises((urllib.error.URLError, ConnectionError, http.client.HTTPException)):
                urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}/", timeout=10)  # noqa: S310
    finally:
        server.shutdown()
        server.server_close()
    assert captured.getvalue() == ""
    real = capfd.readouterr().err
    if error is ValueError:
        assert "ValueError: while serving" in real  # a real error is still reported, on the process's stderr
    else:
        assert "while serving" not in real  # a dropped connection says nothing

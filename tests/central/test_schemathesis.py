"""A bounded schemathesis run against ``/openapi.json``: no input gives a 5xx."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.central.conftest import Server
from tests.central.helpers import laptop

# Every warning but missing_test_data (a random policy version or GET /blobs/{sha256} of a
# random hash is rightly a 404) and validation_mismatch (a blob PUT's Content-Range must agree
# with its body and the bytes held, so most generated PUTs are rightly refused).
WARNINGS = ("missing_auth,base_url_mismatch,missing_deserializer,"
            "unused_openapi_auth,unsupported_regex,method_not_allowed,unresolvable_reference")


@pytest.mark.parametrize("server", ["sqlite"], indirect=True)  # one back-end: bounded time
def test_no_generated_request_gets_a_server_error(server: Server) -> None:
    device = laptop(server)
    cli = Path(sys.executable).with_name("schemathesis")
    done = subprocess.run(
        [str(cli), "run", f"{server.base}/openapi.json", "--checks", "not_a_server_error",
         "--phases", "fuzzing", "--max-examples", "12", "--seed", "1",
         "-H", f"Authorization: Bearer {device.token}",
         "--warnings", WARNINGS],
        capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "No issues found" in done.stdout

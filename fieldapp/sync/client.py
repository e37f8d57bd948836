"""HTTP to the central service (``requests``), with the retry rules of the sync protocol.

* Connect and read timeouts are explicit on every request.
* Idempotent GETs retry through urllib3's ``Retry`` (connection errors, read timeouts, 502/503/
  504, with back-off and ``Retry-After``).
* POST/PUT retry in our own loop with jittered exponential back-off; the caller gives the same
  ``Idempotency-Key`` and body each time, so a retry after a cut reply is answered from the
  centre's stored result instead of being applied twice.
* Request bodies are gzip-compressed (``Content-Encoding: gzip``); answers come gzip-compressed
  when the centre offers it (``requests`` asks for it by default).
* The token is sent as ``Authorization: Bearer`` and never appears in an error or a log line.
"""

from __future__ import annotations

import gzip
import json
import random
import time
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlsplit

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from fieldapp import __version__
from fieldapp.sync.errors import BadServerUrl, Offline, ReEnrolNeeded, SyncError
from fieldapp.sync.protocol import API_PREFIX, decode_json

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 60.0
GET_RETRIES = 3
POST_ATTEMPTS = 5
BACKOFF_BASE_S = 0.5
BACKOFF_CAP_S = 8.0
RETRY_STATUSES = frozenset({429, 502, 503, 504})
GZIP_MIN_BYTES = 512  # smaller bodies are sent as they are


class Refusal(Exception):
    """A definite answer other than success (4xx): the centre's ``{code, message}`` and the
    extra fields of its error body (``expected_seq``, ``expected_offset``)."""

    def __init__(self, status: int, code: str, message: str, body: Mapping[str, Any]) -> None:
        super().__init__(status, code, message)
        self.status, self.code, self.message, self.body = status, code, message, body

    def __str__(self) -> str:
        return f"{self.status} {self.code}: {self.message}"


class ServerError(SyncError):
    """The centre answered something this app cannot act on (shown with the centre's code,
    also in ``refusal.code``)."""

    code = "server_refused"

    def __init__(self, refusal: Refusal) -> None:
        from fieldapp.i18n import QT_TRANSLATE_NOOP

        super().__init__(QT_TRANSLATE_NOOP(
            "errors", "The central service refused the sync ({code}: {message}). Nothing was "
            "lost; tell the CS centre if this persists."),
            code=refusal.code, message=refusal.message)
        self.refusal = refusal


def normalise_url(url: str) -> str:
    """``http(s)://host[:port]`` without a trailing slash, or :class:`BadServerUrl`."""
    cleaned = url.strip().rstrip("/")
    parts = urlsplit(cleaned)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query:
        raise BadServerUrl(url)
    return cleaned


class Client:
    """One connection pool to one centre, for one device token (None before enrolment)."""

    def __init__(self, base_url: str, token: str | None = None, *,
                 connect_timeout_s: float = CONNECT_TIMEOUT_S,
                 read_timeout_s: float = READ_TIMEOUT_S, get_retries: int = GET_RETRIES,
                 post_attempts: int = POST_ATTEMPTS, backoff_base_s: float = BACKOFF_BASE_S,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.base_url = normalise_url(base_url)
        self._timeout = (connect_timeout_s, read_timeout_s)
        self._post_attempts = max(1, post_attempts)
        self._backoff_base_s = backoff_base_s
        self._sleep = sleep
        self._session = requests.Session()
        retry = Retry(total=get_retries, connect=get_retries, read=get_retries,
                      status=get_retries, backoff_factor=backoff_base_s, backoff_jitter=0.25,
                      allowed_methods=frozenset({"GET"}), status_forcelist=RETRY_STATUSES,
                      respect_retry_after_header=True, raise_on_status=False)
        self._session.mount("http://", HTTPAdapter(max_retries=retry))
        self._session.mount("https://", HTTPAdapter(max_retries=retry))
        self._session.headers["User-Agent"] = f"fieldapp/{__version__}"
        if token:
            self._session.headers["Authorization"] = f"Bearer {token}"

    def close(self) -> None:
        """Close the pooled connections."""
        self._session.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _url(self, path: str) -> str:
        return f"{self.base_url}{API_PREFIX}{path}"

    def get(self, path: str, params: Mapping[str, Any] | None = None) -> Any:
        """GET ``path`` (retried by urllib3); the JSON answer or :class:`Refusal`."""
        for _attempt in range(2):
            try:
                response = self._session.get(self._url(path), params=params,
                                             timeout=self._timeout)
                return self._answer(response)
            except requests.RequestException as exc:
                raise Offline(self.base_url, _reason(exc)) from None
            except _Garbled:
                continue  # cut while reading: urllib3 retried the connection, not the body
        raise Offline(self.base_url, "answer cut off")

    def get_once(self, path: str, timeout_s: float) -> Any:
        """GET without retries and with a short timeout (the periodic probe)."""
        try:
            response = requests.get(self._url(path), timeout=(timeout_s, timeout_s),
                                    headers=dict(self._session.headers))
            return self._answer(response)
        except requests.RequestException as exc:
            raise Offline(self.base_url, _reason(exc)) from None
        except _Garbled:
            raise Offline(self.base_url, "answer cut off") from None

    def post(self, path: str, body: Any, *, idempotency_key: str | None = None,
             before_retry: Callable[[], None] | None = None) -> Any:
        """POST ``body`` as gzip JSON, retried with the same key on a cut or busy answer;
        ``before_retry`` runs before each retry (e.g. to ask whether the cut one committed)."""
        raw = json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        return self.post_json(path, raw, idempotency_key=idempotency_key,
                              before_retry=before_retry)

    def post_json(self, path: str, raw: bytes, *, idempotency_key: str | None = None,
                  before_retry: Callable[[], None] | None = None) -> Any:
        """POST ``raw`` (JSON already encoded) as :meth:`post` does."""
        headers = {"Content-Type": "application/json"}
        if idempotency_key:
            headers["Idempotency-Key"] = idempotency_key
        if len(raw) >= GZIP_MIN_BYTES:
            raw = gzip.compress(raw, compresslevel=6, mtime=0)
            headers["Content-Encoding"] = "gzip"
        return self._send("POST", path, raw, headers, before_retry)

    def put_bytes(self, path: str, data: bytes, headers: Mapping[str, str]) -> Any:
        """PUT raw bytes (a blob chunk), retried like a POST."""
        return self._send("PUT", path, data, {"Content-Type": "application/octet-stream",
                                              **headers})

    def _send(self, method: str, path: str, data: bytes, headers: Mapping[str, str],
              before_retry: Callable[[], None] | None = None) -> Any:
        last = ""
        for attempt in range(self._post_attempts):
            if attempt:
                self._sleep(self._backoff(attempt))
                if before_retry is not None:
                    before_retry()
            try:
                response = self._session.request(method, self._url(path), data=data,
                                                 headers=dict(headers), timeout=self._timeout)
            except requests.RequestException as exc:
                last = _reason(exc)
                continue
            if response.status_code in RETRY_STATUSES:
                last = f"HTTP {response.status_code}"
                continue
            try:
                return self._answer(response)
            except _Garbled:  # an answer cut half-way: same as no answer, send again
                last = "answer cut off"
                continue
        raise Offline(self.base_url, last)

    def _backoff(self, attempt: int) -> float:
        """Full-jitter exponential back-off: uniform in [0.5, 1.5] × base × 2^(attempt-1)."""
        delay = min(BACKOFF_CAP_S, self._backoff_base_s * 2 ** (attempt - 1))
        return float(delay * random.uniform(0.5, 1.5))

    def _answer(self, response: requests.Response) -> Any:
        if response.status_code == 200:
            try:  # a pull page of signed visits in a fifth of json.loads' time
                return decode_json(response.content)
            except (ValueError, requests.RequestException):
                raise _Garbled from None
        try:
            body = response.json()
        except ValueError:
            body = {}
        if not isinstance(body, dict):
            body = {}
        code = str(body.get("code", f"http_{response.status_code}"))
        message = str(body.get("message", response.reason or ""))
        if response.status_code == 401:
            raise ReEnrolNeeded(code)
        if response.status_code >= 500:
            raise Offline(self.base_url, f"HTTP {response.status_code}")
        raise Refusal(response.status_code, code, message, body)


class _Garbled(Exception):
    """A 200 whose body is not whole JSON (the connection broke while it was read)."""


def _reason(exc: requests.RequestException) -> str:
    """A short, token-free description of a transport failure."""
    if isinstance(exc, requests.Timeout):
        return "timed out"
    if isinstance(exc, requests.ConnectionError):
        return "connection failed"
    return type(exc).__name__

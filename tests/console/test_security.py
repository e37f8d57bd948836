"""Requests that must fail: forms without or with a wrong CSRF token, a foreign origin, roles
without the permission, a technician's device token, a logged-out session; and the cookie's
flags. Plain HTTP against the real server (what an attacker's page or script could send)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from tests.central.helpers import laptop
from tests.console.harness import Console, password_of, register_case

API = "/api/console/v1"


@contextmanager
def browser_session(console: Console, role: str) -> Iterator[tuple[httpx.Client, str]]:
    """A client logged in through the log-in FORM (as a browser), and its CSRF token."""
    with httpx.Client(base_url=console.base, timeout=60) as client:
        yield _logged_in(client, console, role)


def _logged_in(client: httpx.Client, console: Console, role: str) -> tuple[httpx.Client, str]:
    form = client.get("/console/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token, form.text
    done = client.post("/console/login", data={
        "username": console.users[role], "password": password_of(role),
        "csrf_token": token.group(1), "next": "/console/cases"})
    assert done.status_code == 303, done.text
    page = client.get("/console/cases")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert csrf, page.text
    return client, csrf.group(1)


CASE_FORM = {"type": "TS", "channel": "phone", "category": "fees", "severity": "general",
             "customer_name": "吴敏", "customer_phone": "13700001234", "summary": "多收上门费"}


@pytest.mark.parametrize("token", [None, "", "forged-token"])
def test_a_form_without_the_session_csrf_token_is_refused(console: Console,
                                                         token: str | None) -> None:
    with browser_session(console, "clerk") as (client, _):
        before = client.get(f"{API}/cases").json()["total"]
        data = {**CASE_FORM, **({"csrf_token": token} if token is not None else {})}
        answer = client.post("/console/cases/new", data=data)
        assert answer.status_code == 403
        assert "表单已过期" in answer.text
        assert client.get(f"{API}/cases").json()["total"] == before  # nothing registered


def test_a_form_from_another_origin_is_refused_even_with_the_token(console: Console) -> None:
    with browser_session(console, "clerk") as (client, csrf):
        answer = client.post("/console/cases/new", data={**CASE_FORM, "csrf_token": csrf},
                             headers={"Origin": "https://evil.example"})
        assert answer.status_code == 403
        good = client.post("/console/cases/new", data={**CASE_FORM, "csrf_token": csrf},
                           headers={"Origin": console.base})
        assert good.status_code == 303 and "/console/cases/TS" in good.headers["location"]


def test_a_login_form_without_its_signed_token_is_refused(console: Console) -> None:
    with httpx.Client(base_url=console.base, timeout=60, cookies={"fc_login_csrf": "x.y"}
                      ) as client:
        answer = client.post("/console/login", data={
            "username": console.users["clerk"], "password": password_of("clerk"),
            "csrf_token": "x.y"})
        assert answer.status_code == 403
        assert "fc_session" not in answer.headers.get("set-cookie", "")


def test_the_api_needs_the_csrf_header_for_changes(console: Console) -> None:
    with console.api("clerk") as client:
        answer = client.post(f"{API}/cases", json={**CASE_FORM}, headers={"X-CSRF-Token": ""})
        assert answer.status_code == 403 and answer.json()["code"] == "csrf_refused"
        assert client.get(f"{API}/me").status_code == 200  # reading needs no token


def test_the_session_cookie_is_httponly_and_lax_and_secure_only_under_tls(
        console: Console) -> None:
    plain = httpx.post(f"{console.base}{API}/login", timeout=60, json={
        "username": console.users["clerk"], "password": password_of("clerk")})
    cookie = plain.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    # behind a TLS-terminating proxy on this host (uvicorn trusts 127.0.0.1's X-Forwarded-Proto)
    tls = httpx.post(f"{console.base}{API}/login", timeout=60,
                     headers={"X-Forwarded-Proto": "https"},
                     json={"username": console.users["clerk"], "password": password_of("clerk")})
    assert "Secure" in tls.headers["set-cookie"]


@pytest.mark.parametrize(("role", "method", "path"), [
    ("clerk", "GET", "/console/audit"),
    ("clerk", "GET", "/console/staff"),
    ("quality", "GET", "/console/cases/new"),
    ("admin", "GET", "/console/cases/new"),
    ("supervisor", "GET", "/console/staff"),
])
def test_pages_a_role_may_not_open_answer_403(console: Console, role: str, method: str,
                                              path: str) -> None:
    with browser_session(console, role) as (client, _):
        answer = client.request(method, path)
        assert answer.status_code == 403 and "无权" in answer.text


def test_actions_a_role_may_not_do_are_refused_by_the_api(console: Console) -> None:
    with console.api("clerk") as clerk:
        number = register_case(clerk)["number"]
        assert clerk.get(f"{API}/audit").status_code == 403
        refused = clerk.post(f"{API}/staff", json={"username": "new.one", "role": "admin",
                                                    "password": "a-long-password"})
        assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    with console.api("quality") as quality:
        refused = quality.post(f"{API}/cases", json={**CASE_FORM})
        assert refused.status_code == 403 and "无权" in refused.json()["message"]
        assert quality.post(f"{API}/cases/{number}/dispatch", json={
            "technician_badge": "X", "appointment_start": "2026-11-23T09:00:00+08:00",
            "appointment_end": "2026-11-23T10:00:00+08:00"}).status_code == 403
        seen = quality.get(f"{API}/cases/{number}").json()["case"]
        assert seen["customer_phone"] == "138****8000" and seen["masked"] is True


def test_a_technicians_device_token_cannot_open_the_console(console: Console) -> None:
    device = laptop(console.server)
    answer = httpx.get(f"{console.base}{API}/cases", headers=device.headers, timeout=60)
    assert answer.status_code == 401 and answer.json()["code"] == "console_token_refused"
    page = httpx.get(f"{console.base}/console/cases", headers=device.headers, timeout=60)
    assert page.status_code == 303 and page.headers["location"].startswith("/console/login")


def test_the_admin_token_is_an_audited_integration(console: Console) -> None:
    with console.admin() as admin:
        number = register_case(admin)["number"]
        lines = admin.get(f"{API}/audit", params={"target": number}).json()["entries"]
    assert [(e["actor"], e["action"]) for e in lines] == [("admin-token", "case.register")]


def test_a_logged_out_session_is_dead(console: Console) -> None:
    with browser_session(console, "clerk") as (client, csrf):
        cookie = client.cookies["fc_session"]
        assert client.post("/console/logout", data={"csrf_token": csrf}).status_code == 303
        stale = httpx.get(f"{console.base}{API}/me", cookies={"fc_session": cookie}, timeout=60)
        assert stale.status_code == 401


def test_the_root_redirects_to_the_console_and_pages_forbid_framing(console: Console) -> None:
    root = httpx.get(f"{console.base}/", timeout=60)
    assert root.status_code == 303 and root.headers["location"] == "/console/"
    login = httpx.get(f"{console.base}/console/login", timeout=60)
    assert login.headers["x-frame-options"] == "DENY"
    assert "script-src 'none'" in login.headers["content-security-policy"]
    assert "<script" not in login.text
    assert httpx.get(f"{console.base}/console/nowhere", timeout=60).status_code == 404

"""The register shares the laptops' number counters and shows what laptops pushed."""

from __future__ import annotations

import uuid

import httpx

from fieldapp.sync.protocol import API_PREFIX
from tests.central.helpers import laptop
from tests.console.harness import Console, register_case

API = "/api/console/v1"


def test_centre_numbers_never_collide_with_laptop_leases_and_pushed_cases_join_the_register(
        console: Console) -> None:
    device = laptop(console.server, name="李建华")
    lease = httpx.post(f"{console.base}{API_PREFIX}/number-leases", headers=device.headers,
                       json={"type": "ZX", "month": "2611", "count": 5}, timeout=60).json()
    with console.api("clerk") as clerk:
        mine = register_case(clerk, type="ZX")["number"]
        assert mine not in lease["numbers"]
        assert int(mine[-3:]) == lease["last_serial"] + 1  # the same counter, after the lease
        op = device.op(str(uuid.uuid4()), case_number=lease["numbers"][0],
                       data={"badge_no": device.badge, "fault": "咨询保修期",
                             "customer": {"name": "马丽", "mobile": "13500001111",
                                          "city": "广州市", "address": "天河路 2 号"},
                             "product": {"model": "BCD-215", "batch": "B2611"}})
        assert device.push([op]).json()["results"][0]["status"] == "applied"
        found = clerk.get(f"{API}/cases", params={"q": lease["numbers"][0]}).json()["cases"]
        [case] = found
        assert (case["type"], case["channel"], case["customer_name"], case["product_batch"]) == \
            ("ZX", "visit", "马丽", "B2611")
        assert case["registered_by"] == f"laptop:{device.badge}"
        events = clerk.get(f"{API}/cases/{case['number']}").json()["events"]
        assert [e["kind"] for e in events] == ["registered"]

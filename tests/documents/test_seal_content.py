"""What the seal of each signed document covers, pinned: a change to the content shape, the
serialiser or the wire form fails here loudly (a new shape is a new seal version)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

import pytest

from fieldapp import seal
from fieldapp.documents import seal_v1
from fieldapp.incidents import sealing as incident_sealing
from fieldapp.incidents.types import (
    CompensationReceipt,
    CompensationReceiptInput,
    CrisisAgreement,
    CrisisAgreementInput,
    Party,
)
from fieldapp.settings import Issuer
from fieldapp.storage import outbox
from fieldapp.visits import sealing as visit_sealing
from fieldapp.visits.types import (
    Customer,
    FeeLine,
    PartLine,
    Product,
    SignatureRecord,
    Status,
    VisitInput,
    VisitKind,
    VisitRecord,
)

UTC = dt.UTC
SIGNED = dt.datetime(2026, 11, 22, 2, 30, tzinfo=UTC)
ISSUER = Issuer("海岚电器（中国）有限公司", "广东省佛山市顺德区北滘镇工业大道 1 号", "400-800-1234",
                "广州天河维修网点")
SIGNATURE = SignatureRecord(signer_name="吉𠮷", width=400, height=120, role="customer",
                            strokes=(((20.004, 60.5, 0, 0.6), (28.126, 90.0, 15, 0.65)),),
                            id="sig-1", signed_at=SIGNED)
DATA = VisitInput(
    kind=VisitKind.ON_SITE,
    customer=Customer("吉𠮷", "13800138000", "020-38001234", "广东省", "广州市", "天河区", "体育西路191号"),
    product=Product("air_conditioner", "KFR-35GW", "海岚", "SN1", "B2603",
                    dt.date(2026, 3, 1), dt.date(2026, 3, 1), None, dt.date(2026, 1, 5), "store",
                    True, True),
    fault="E1 故障", technician_name="周海涛", badge_no="GZ-0217",
    appointment_at=dt.datetime(2026, 11, 22, 1, 0, tzinfo=UTC),
    arrived_at=dt.datetime(2026, 11, 22, 1, 10, tzinfo=UTC),
    diagnosis="启动电容衰减", work_done="更换启动电容",
    parts=(PartLine("启动电容", 1, 4500, "DR-35", covered=True), PartLine("电池", 2, 250)),
    fees=(FeeLine("labour", 5000, covered=True), FeeLine("on_site", 3000, "公司收费标准")),
    function_test_done=True, function_test_notes="正常", customer_opinion="满意",
    satisfaction="satisfied", authorization_ref="KF-1",
)
DECISION = {"charge": "free", "remedies": ["repair"], "extended_days": 0, "refund_amount": None}
VISIT = VisitRecord(
    id="v-2", number="WX-7K3QM-261122-0001", revision=2, kind=VisitKind.ON_SITE,
    status=Status.COMPLETED, data=DATA, device_id="d", created_at=SIGNED, updated_at=SIGNED,
    completed_at=SIGNED, supersedes_id="v-1", correction_reason="漏记了更换的风扇电机",
    signatures=(SIGNATURE,), warranty_decision=DECISION, policy_version="2026.1",
    issuer=ISSUER, seal_version=2,
)
COMPANY = Party("海岚电器（中国）有限公司广州维修网点", "020-38001234", "", "广州市海珠区",
                "周海涛", "GZ-0217")
CUSTOMER = Party("吉𠮷", "13900000000", "440106199001011234", "广州市天河区")
AGREEMENT = CrisisAgreement(
    id="a", number="XY-7K3QM-261122-0001", created_at=SIGNED, signed_at=SIGNED,
    data=CrisisAgreementInput("漏水浸湿地板", CUSTOMER, COMPANY, 120000, "", ("一次性赔偿",),
                              "KFR-35GW SN1", "用户家中", "WX-7K3QM-261122-0001", "KF-SP-1"),
    signatures=(SIGNATURE, dataclasses.replace(SIGNATURE, role="company", signer_name="周海涛")),
    issuer=ISSUER, seal_version=2,
)
RECEIPT = CompensationReceipt(
    id="r", number="SK-7K3QM-261122-0001", created_at=SIGNED, signed_at=SIGNED,
    data=CompensationReceiptInput(CUSTOMER, COMPANY, 120000, "", "漏水", AGREEMENT.number, "现金"),
    signatures=(SIGNATURE,), issuer=ISSUER, seal_version=2,
)

PINNED = {
    "visit": "baf28008e281b326e2785781434ed140fba77a42642cb1009a4000f241fb3d92",
    "agreement": "4718f81546607d02d65eae74f7ea9a028bf977aaafac7748d0dda36b2bbee38c",
    "receipt": "0b3ad683eb483e17ca7bef8c7fc0f1d715c08ba546502c76a259a0765678c4a0",
    # version 1 as the code before fieldapp.seal had its own form computed it
    "visit_v1": "5fa3365a1bc976f802b3e9abdcf947de1cfce1e5588b91e0ef433120b563dd40",
}


def digests() -> dict[str, str]:
    return {"visit": visit_sealing.visit_digest(VISIT),
            "agreement": incident_sealing.agreement_digest(AGREEMENT),
            "receipt": incident_sealing.receipt_digest(RECEIPT),
            "visit_v1": seal_v1.visit_digest(dataclasses.replace(VISIT, revision=1))}


def test_the_digests_of_fixed_records_are_pinned() -> None:
    assert digests() == PINNED


def test_the_wire_form_plays_no_part(monkeypatch: pytest.MonkeyPatch) -> None:
    """Whatever ``outbox.to_wire`` becomes, the digests stay (the seal has its own form)."""
    def changed_wire_form(value: Any) -> Any:
        raise AssertionError("the seal must not use the wire form")

    monkeypatch.setattr(outbox, "to_wire", changed_wire_form)
    assert digests() == PINNED


V3_ADDED = {"delivery_date", "received_condition", "accessories"}  # typed fields v2 lacks
INTAKE_SIGNATURE = dataclasses.replace(SIGNATURE, role="intake", id="sig-0",
                                       signed_at=SIGNED - dt.timedelta(days=3))
VISIT_V3 = dataclasses.replace(
    VISIT, seal_version=3, kind=VisitKind.CARRY_IN, status=Status.RETURNED,
    receipt_number="ST-7K3QM-261119-0001", received_at=SIGNED - dt.timedelta(days=3),
    data=dataclasses.replace(
        DATA, kind=VisitKind.CARRY_IN, appointment_at=None, arrived_at=None,
        promised_date=dt.date(2026, 11, 23), notify_by="sms",
        product=dataclasses.replace(DATA.product, delivery_date=dt.date(2026, 3, 4)),
        received_condition="外壳左侧划痕 2 cm", accessories="遥控器、电源线"),
    signatures=(INTAKE_SIGNATURE, SIGNATURE),
    issuer=dataclasses.replace(ISSUER, outlet_address="广州市天河区体育西路 1 号",
                               outlet_phone="020-38000000"),
    intake_issuer=ISSUER, intake_digest="0" * 64,
    intake_technician_name=DATA.technician_name, intake_badge_no=DATA.badge_no)
RECEIPT_V3 = dataclasses.replace(
    RECEIPT, seal_version=3, issuer=VISIT_V3.issuer,
    data=dataclasses.replace(RECEIPT.data, goods="同型号热水器一台", goods_model="JSQ25-13HE5",
                             goods_serial="SN2026110001"))
PINNED_V3 = {
    "visit": "6acff02d74d7a25163be9e19af644b6969a0a17fa49bcf32f91f12b9bdfb341f",
    "intake": "098e02f9096e35162ebfc6dd286851d87252db2fd96eb4700a6144f310475846",
    "receipt": "181c46456ea52530ce3ba25d52deb03401195bbecb262cdef21c7d817243453f",
}


def test_version_3_digests_of_fixed_records_are_pinned() -> None:
    assert {"visit": visit_sealing.visit_digest(VISIT_V3),
            "intake": visit_sealing.intake_digest(VISIT_V3),
            "receipt": incident_sealing.receipt_digest(RECEIPT_V3)} == PINNED_V3


def test_version_2_records_keep_their_shape() -> None:
    content = visit_sealing.visit_content(VISIT)
    assert seal.content_version(content) == 2
    assert content["issuer"] == {"company_name": ISSUER.company_name, "address": ISSUER.address,
                                 "phone": ISSUER.phone, "service_outlet": "广州天河维修网点"}
    fields = content["fields"]
    covered = {*fields, *fields["customer"], *fields["product"], *fields["visit"]}
    assert V3_ADDED.isdisjoint(covered) and "intake_digest" not in fields
    assert "goods_model" not in incident_sealing.receipt_content(RECEIPT)["fields"]


def test_the_intake_seal_covers_what_the_customer_hands_in() -> None:
    content = visit_sealing.intake_content(VISIT_V3)
    assert seal.content_version(content) == 3
    assert (content["document"], content["number"]) == ("carry_in_receipt", "ST-7K3QM-261119-0001")
    assert [s["role"] for s in content["signatures"]] == ["intake"]
    assert content["fields"]["intake"]["received_condition"] == "外壳左侧划痕 2 cm"
    assert content["fields"]["intake"]["accessories"] == "遥控器、电源线"
    assert content["fields"]["product"]["delivery_date"] == "2026-03-04"
    assert content["signed_at"] == "2026-11-19T02:30:00+00:00"
    # the close seal covers the intake seal and both signatures
    closing = visit_sealing.visit_content(VISIT_V3)
    assert closing["fields"]["intake_digest"] == "0" * 64
    assert [s["role"] for s in closing["signatures"]] == ["customer", "intake"]


@pytest.mark.parametrize("change", [
    {"received_condition": "完好"}, {"accessories": "遥控器"}, {"fault": "不制冷"},
    {"promised_date": dt.date(2026, 11, 30)},
])
def test_each_intake_detail_changes_the_intake_digest(change: dict[str, Any]) -> None:
    changed = dataclasses.replace(VISIT_V3, data=dataclasses.replace(VISIT_V3.data, **change))
    assert visit_sealing.intake_digest(changed) != PINNED_V3["intake"]


def test_the_content_covers_every_typed_field_the_issuer_reason_and_times() -> None:
    content = visit_sealing.visit_content(VISIT_V3)
    assert seal.content_version(content) == 3
    fields = content["fields"]
    covered = {*fields, *fields["customer"], *fields["product"], *fields["visit"]}
    typed = {f.name for cls in (VisitInput, Customer, Product) for f in dataclasses.fields(cls)}
    assert typed - covered - {"kind", "customer", "product", "parts", "fees"} == set()
    assert content["issuer"]["outlet"] == {"name": "广州天河维修网点",
                                           "address": "广州市天河区体育西路 1 号",
                                           "phone": "020-38000000"}
    content = visit_sealing.visit_content(VISIT)
    assert {f.name for f in dataclasses.fields(PartLine)} <= set(fields["parts"][0])
    assert {f.name for f in dataclasses.fields(FeeLine)} <= set(fields["fees"][0])
    assert fields["correction_reason"] == "漏记了更换的风扇电机"
    assert content["signed_at"] == content["signatures"][0]["signed_at"] == "2026-11-22T02:30:00+00:00"
    assert content["signatures"][0]["strokes"][0][0] == [2000, 6050, 0, 600]  # fixed point
    for cls, sealed in ((CrisisAgreementInput, incident_sealing.agreement_content(AGREEMENT)),
                        (CompensationReceiptInput, incident_sealing.receipt_content(RECEIPT_V3))):
        assert {f.name for f in dataclasses.fields(cls)} == set(sealed["fields"])
        assert set(sealed["fields"].get("customer", sealed["fields"].get("payee"))) == {
            f.name for f in dataclasses.fields(Party)}


@pytest.mark.parametrize("change", [
    {"issuer": dataclasses.replace(ISSUER, phone="400-800-1235")},
    {"issuer": dataclasses.replace(ISSUER, service_outlet="佛山维修网点")},
    {"correction_reason": "漏记了更换的风扇电机。"},
    {"completed_at": SIGNED + dt.timedelta(seconds=1)},
    {"signatures": (dataclasses.replace(SIGNATURE, signed_at=SIGNED + dt.timedelta(minutes=1)),)},
    {"revision": 3},
])
def test_each_sealed_detail_changes_the_digest(change: dict[str, Any]) -> None:
    assert visit_sealing.visit_digest(dataclasses.replace(VISIT, **change)) != PINNED["visit"]


def test_a_record_without_its_issuer_snapshot_cannot_be_sealed() -> None:
    with pytest.raises(seal.SealError, match="issuer"):
        visit_sealing.visit_digest(dataclasses.replace(VISIT, issuer=None))

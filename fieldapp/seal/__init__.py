"""Tamper evidence of signed records: the canonical content and its digest (the seal).

Pure on purpose: this package imports only the standard library and pydantic-core, whose
serialiser writes the common case fast (tests/test_layering.py checks it), so the central service
(``fieldcentral``) can use it to recompute the digest of a record a laptop pushed, from the plain
content alone.

Public API (stable; the central service relies on it)::

    from fieldapp import seal

    seal.SEAL_VERSION                 # int: the version new content is sealed with (3)
    seal.SUPPORTED_VERSIONS           # frozenset of the versions digest() accepts
    seal.content_version(content)     # -> int, the content's declared "seal_version"
    seal.digest(content)              # -> str, lower-case hex SHA-256 of the canonical form
    seal.canonical_bytes(content)     # -> bytes, the canonical UTF-8 JSON that is hashed
    seal.SealError                    # ValueError: unknown version, float, unsupported type
    seal.utc_time(dt) / seal.iso_date(d) / seal.fixed(x, places)   # helpers for builders

``content`` is a ``Mapping[str, Any]`` of plain JSON values (no floats) carrying
``"seal_version": 2`` or ``3``. The app builds it with ``fieldapp.visits.sealing.visit_content`` and
``fieldapp.incidents.sealing.agreement_content`` / ``receipt_content`` and sends it with the
signed record: the outbox payloads of ``visit.close``, ``crisis_agreement.sign`` and
``compensation_receipt.sign`` carry ``"digest"`` and ``"seal"`` (the content). The server
checks ``seal.digest(payload["seal"]) == payload["digest"]`` (and that the sealed fields are
the ones it stores) before it witnesses the digest. A carry-in's ``visit.intake`` carries the
intake seal the same way as ``"intake_digest"`` and ``"intake_seal"``. Version 2 content
has these top-level members (all always present):

    seal_version  2
    document      "visit" | "crisis_agreement" | "compensation_receipt"
    number        the record's human number
    revision      int (1 for agreements and receipts)
    issuer        {company_name, address, phone, service_outlet}: the letterhead, as signed
    signed_at     ISO 8601 UTC time of the signing
    signatures    [{role, signer_name, signed_at, width, height,
                    strokes: [[[x_centipx, y_centipx, t_ms, pressure_milli], …], …]}] by role
    fields        every other printed field of the document (shape per document kind)
    attachments   sorted SHA-256 hex of attached blobs (photos); [] when none

Version 3 (new records since the intake-sealed carry-in receipt) keeps that shape and changes:

    document      also "carry_in_receipt": the customer's signature at intake (role "intake")
                  over the product as handed in; number = the ST receipt number, fields =
                  {visit_number, kind, received_at, customer, product, intake}, where intake =
                  {fault, received_condition, accessories, promised_date, notify_by,
                  technician_name, badge_no}
    issuer        {company_name, address, phone, outlet: {name, address, phone}}
    fields        visits: product.delivery_date, visit.received_condition,
                  visit.accessories and intake_digest (the carry-in receipt's digest, "" if
                  none) added; compensation receipts: goods_model and goods_serial added

Version 2 content is still accepted and recomputed with its own shape (old records).

See :mod:`fieldapp.seal.canonical` for the serialiser (RFC 8785 for the values allowed).
"""

from __future__ import annotations

from fieldapp.seal.canonical import (
    SEAL_VERSION,
    SUPPORTED_VERSIONS,
    SealError,
    canonical_bytes,
    content_version,
    digest,
    fixed,
    iso_date,
    utc_time,
)

__all__ = ["SEAL_VERSION", "SUPPORTED_VERSIONS", "SealError", "canonical_bytes",
           "content_version", "digest", "fixed", "iso_date", "utc_time"]

"""The HTTP service (FastAPI): the sync API under ``/api/sync/v1``, the admin API under
``/api/central/v1`` (bearer ``FIELDCENTRAL_ADMIN_TOKEN``; disabled when that is unset).

No state lives in the process beyond the engine and the loaded key: any worker on any host can
answer any request. Endpoints are plain ``def`` functions (run in the thread pool) over the
services. Every error is a JSON body ``{code, message}``; bad input never gives a 5xx. Logs
name devices and op ids, never record contents (customers' personal data).
"""

from __future__ import annotations

import gc
import hmac
import logging
import os
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Header, Path, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import ValidationError
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

from fieldapp.sync.protocol import (
    API_PREFIX,
    MAX_PULL_LIMIT,
    OP_SCHEMA_MAX,
    OP_SCHEMA_MIN,
    PROTOCOL_MAX,
    PROTOCOL_MIN,
    BlobCheckRequest,
    BlobCheckResponse,
    BlobUploadResult,
    ErrorBody,
    MetaResponse,
    NumberLease,
    NumberLeaseRequest,
    PolicyContent,
    PolicyList,
    PullResponse,
    PushRequest,
    PushResponse,
    RegisterRequest,
    RegisterResponse,
    collector_paused,
)
from fieldcentral import clock, config
from fieldcentral.console import api as console_api
from fieldcentral.console import mount as console
from fieldcentral.db import Database, check_current
from fieldcentral.errors import CentralError
from fieldcentral.gzip_requests import GzipRequests, gzip_answer
from fieldcentral.models import Device, ServerMeta
from fieldcentral.services import blobs, devices, keys, numbers, policies, work_orders
from fieldcentral.services import pull as pull_service
from fieldcentral.services import push as push_service

log = logging.getLogger("fieldcentral")
ERRORS: dict[int | str, dict[str, object]] = {
    code: {"model": ErrorBody} for code in (400, 401, 403, 404, 409, 413, 416, 422, 503)}


def _error(status: int, code: str, message: str, expected_seq: int | None = None,
           expected_offset: int | None = None) -> JSONResponse:
    body = ErrorBody(code=code, message=message, expected_seq=expected_seq,
                     expected_offset=expected_offset)
    return JSONResponse(body.model_dump(exclude_none=True), status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(CentralError)
    async def central(r: Request, exc: CentralError) -> Response:
        if console.is_page(r) or r.url.path.startswith(console_api.PREFIX):
            return await run_in_threadpool(console.central_error, r, exc)
        return _error(exc.status, exc.code, exc.message, exc.expected_seq, exc.expected_offset)

    @app.exception_handler(RequestValidationError)
    async def invalid(r: Request, exc: RequestValidationError) -> Response:
        if console.is_page(r):
            return await run_in_threadpool(console.error_page, r, exc)
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _error(422, "invalid_request", f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(StarletteHTTPException)
    async def http(r: Request, exc: StarletteHTTPException) -> Response:
        if console.is_page(r):
            return await run_in_threadpool(console.error_page, r, exc)
        names = {400: "bad_request", 404: "not_found", 405: "method_not_allowed"}
        code = names.get(exc.status_code, "http_error")
        return _error(exc.status_code, code, str(exc.detail))

    @app.exception_handler(DataError)
    async def bad_data(_r: Request, exc: DataError) -> JSONResponse:
        # e.g. a NUL character PostgreSQL's JSONB cannot store: the client's data, not our bug
        log.warning("data refused by the database: %s", type(exc.orig).__name__)
        return _error(422, "invalid_data", "the database cannot store this value "
                      "(e.g. a NUL character in a text)")

    @app.exception_handler(OperationalError)
    async def busy(_r: Request, exc: DBAPIError) -> JSONResponse:
        log.warning("database busy: %s", type(exc.orig).__name__)
        return _error(503, "busy", "the centre is busy, try again")


# Python's default (700, 10, 10) collects the youngest generation every 700 new containers: a
# push of signed visits makes tens of thousands (the signature strokes) that live until its
# answer, so they were traversed again and again and promoted to be traversed again; with a
# few pushes at once the collector took ~15 % of a worker's CPU. Most of a request's objects
# are freed by their reference count before 50 000 new ones have been made.
COLLECTOR_THRESHOLDS = (50_000, 20, 20)


@contextmanager
def tuned_collector() -> Iterator[None]:
    """The worker's garbage collector set for serving: what start-up made (modules, the app,
    the mappers, ~150 000 containers) is collected once and frozen, so a full collection no longer
    walks it, and the young generation is collected less often (``COLLECTOR_THRESHOLDS``). As
    before when the app stops."""
    before = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    try:
        yield
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()


def create_app(cfg: config.Config | None = None) -> FastAPI:
    """The application for ``cfg`` (default: from the environment, as ``serve`` exported it)."""
    cfg = cfg or config.resolve()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        db = Database.open(cfg.db_url)
        check_current(db)
        app.state.db, app.state.key = db, keys.load(cfg.key_file)
        with tuned_collector():
            yield
        db.close()

    app = FastAPI(title="FieldCentral sync API", version="1", lifespan=lifespan)
    # laptops send gzip bodies; answers go gzip to clients that accept it: pull pages
    # compressed by the endpoint with ISA-L (gzip_requests.gzip_answer), the rest here at level
    # 1, not Starlette's 9 (a pull page took ~90 ms at zlib's 1, ~280 ms at 5, twice that at 9)
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=1)
    app.add_middleware(GzipRequests)
    _install_error_handlers(app)
    _routes(app)
    console.install(app)  # the web console at /console/ and its API (issue 12)
    _document_push_body(app)
    return app


async def _raw_body(request: Request) -> bytes:
    """The request's bytes."""
    return await request.body()


def _document_push_body(app: FastAPI) -> None:
    """Add the push body's schema (``PushRequest`` and ``Op``) to /openapi.json: the route
    parses its body itself, so FastAPI does not see the model."""
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = generate()
            body = PushRequest.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas = schema.setdefault("components", {}).setdefault("schemas", {})
            schemas.update({**body.pop("$defs", {}), "PushRequest": body})
        return app.openapi_schema or generate()

    app.openapi = openapi  # type: ignore[method-assign]


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _device(request: Request,
            authorization: Annotated[str | None, Header()] = None) -> devices.DeviceInfo:
    return devices.authenticate(_db(request), authorization)


DeviceDep = Annotated[devices.DeviceInfo, Depends(_device)]


def _bearer(authorization: Annotated[str | None, Header()] = None) -> devices.Bearer:
    return devices.bearer_of(authorization)


# A device whose token the route checks itself, in its own transaction (the push)
BearerDep = Annotated[devices.Bearer, Depends(_bearer)]
CENTRAL_PREFIX = "/api/central/v1"


def _admin(authorization: Annotated[str | None, Header()] = None) -> None:
    expected = os.environ.get(config.ENV_ADMIN_TOKEN, "").strip()
    if not expected:
        raise CentralError("admin_api_disabled", f"the admin API is off: set "
                           f"{config.ENV_ADMIN_TOKEN} on the server", status=403)
    scheme, _, token = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(token.strip().encode(),
                                                             expected.encode()):
        raise CentralError("admin_token_invalid", "an administrator token is required "
                           "(Authorization: Bearer)", status=401)


AdminDep = Annotated[None, Depends(_admin)]


_RANGE = re.compile(r"^bytes (\d{1,15})-(\d{1,15})/(\d{1,15})$")


Sha256Path = Annotated[str, Path(pattern=r"^[0-9a-f]{64}$",
                                 description="lowercase SHA-256 hex of the content")]


def _content_range(header: str | None, length: int) -> tuple[int, int]:
    """(offset, total) from ``Content-Range: bytes START-END/TOTAL``; without it the body is
    the whole file."""
    if header is None:
        return 0, length
    match = _RANGE.match(header.strip())
    if match is None:
        raise CentralError("content_range_invalid", "Content-Range must be "
                           "'bytes START-END/TOTAL'", status=422)
    start, end, total = (int(g) for g in match.groups())
    if end - start + 1 != length or end < start or end >= total:
        raise CentralError("content_range_invalid", "Content-Range does not match the body "
                           f"({length} bytes)", status=416)
    return start, total


def _routes(app: FastAPI) -> None:
    @app.post(f"{API_PREFIX}/devices/register", responses=ERRORS)
    def register(request: Request, body: RegisterRequest) -> RegisterResponse:
        response = devices.register(_db(request), body, request.app.state.key)
        log.info("device %s registered (code %s)", response.device_id, response.device_code)
        return response

    @app.get(f"{API_PREFIX}/meta", responses=ERRORS)
    def meta(request: Request, device: DeviceDep) -> MetaResponse:
        with _db(request).read() as s:
            epoch = s.get(ServerMeta, "epoch")
            row = s.get(Device, device.id)
        return MetaResponse(server_time=clock.now(), server_epoch=epoch.value if epoch else "",
                            protocol_min=PROTOCOL_MIN, protocol_max=PROTOCOL_MAX,
                            op_schema_min=OP_SCHEMA_MIN, op_schema_max=OP_SCHEMA_MAX,
                            device_id=device.id, device_code=device.device_code,
                            acked_seq=row.acked_seq if row else 0)

    # push and pull answer JSON they built themselves (no second validation of the answer);
    # ``response_model`` keeps /openapi.json telling its shape
    # A push body is parsed and validated in one step by pydantic-core from its bytes (FastAPI's
    # own path, json.loads then validation, cost several times more on batches of signed
    # visits); the bytes are also the batch's fingerprint. Its schema is added to /openapi.json
    # below, its errors are FastAPI's (422 invalid_request). The token is checked by the push's
    # own transaction, which finds the device by it (one connection and query fewer a batch);
    # a body that is not valid is answered 401 all the same when the token is not.
    @app.post(f"{API_PREFIX}/push", responses=ERRORS, response_model=PushResponse,
              openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
                  "schema": {"$ref": "#/components/schemas/PushRequest"}}}}})
    def push(request: Request, bearer: BearerDep, raw: Annotated[bytes, Depends(_raw_body)],
             idempotency_key: Annotated[str, Header(min_length=1, max_length=128)]) -> Response:
        try:
            with collector_paused():
                body = PushRequest.model_validate_json(raw)
        except ValidationError as exc:
            devices.authenticate(_db(request), request.headers.get("authorization"))
            raise RequestValidationError([{**e, "loc": ("body", *e["loc"])}
                                          for e in exc.errors(include_url=False)]) from None
        device, response = push_service.pushed(_db(request), bearer, idempotency_key, body,
                                               request.app.state.key, body=raw)
        log.info("push device=%s ops=%d acked=%d", device.id, len(body.ops), response.acked_seq)
        return Response(response.model_dump_json(), media_type="application/json")

    @app.get(f"{API_PREFIX}/pull", responses=ERRORS, response_model=PullResponse)
    def pull(request: Request, device: DeviceDep,
             cursor: Annotated[int, Query(ge=0, le=2**62)] = 0,
             limit: Annotated[int, Query(ge=1, le=MAX_PULL_LIMIT)] = 500) -> Response:
        return gzip_answer(request.headers,
                           pull_service.pull_json(_db(request), device, cursor, limit),
                           "application/json")

    @app.post(f"{API_PREFIX}/blobs/check", responses=ERRORS)
    def blob_check(request: Request, _device: DeviceDep, body: BlobCheckRequest
                   ) -> BlobCheckResponse:
        return blobs.check(_db(request), body.sha256)

    @app.put(f"{API_PREFIX}/blobs/{{sha256}}", responses=ERRORS)
    async def blob_put(request: Request, sha256: Sha256Path,
                       content_range: Annotated[str | None, Header(pattern=_RANGE.pattern)]
                       = None,
                       authorization: Annotated[str | None, Header()] = None
                       ) -> BlobUploadResult:
        # async to read the raw body; the database work runs in the thread pool
        device = await run_in_threadpool(devices.authenticate, _db(request), authorization)
        limit = blobs.max_blob_bytes()
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise CentralError("blob_too_large", f"a file may have at most {limit} bytes",
                               status=413)
        data = bytearray()
        async for part in request.stream():
            data.extend(part)
            if len(data) > limit:
                raise CentralError("blob_too_large", f"a file may have at most {limit} bytes",
                                   status=413)
        offset, total = _content_range(content_range, len(data))
        result = await run_in_threadpool(blobs.put, _db(request), device, sha256, offset,
                                         total, bytes(data))
        log.info("blob device=%s %s %d/%d", device.id, sha256[:12], result.received, total)
        return result

    @app.get(f"{API_PREFIX}/blobs/{{sha256}}", responses=ERRORS,
             response_class=Response)
    def blob_get(request: Request, device: DeviceDep, sha256: Sha256Path) -> Response:
        return Response(blobs.read(_db(request), device, sha256),
                        media_type="application/octet-stream")

    @app.post(f"{API_PREFIX}/number-leases", responses=ERRORS)
    def number_leases(request: Request, device: DeviceDep, body: NumberLeaseRequest,
                      idempotency_key: Annotated[str | None, Header(min_length=1, max_length=128)]
                      = None) -> NumberLease:
        answer = numbers.lease(_db(request), device, body, idempotency_key)
        log.info("lease device=%s %s%s %d..%d", device.id, answer.type, answer.period,
                 answer.first_serial, answer.last_serial)
        return answer

    @app.post(f"{CENTRAL_PREFIX}/work-orders", responses=ERRORS)
    def create_work_order(request: Request, _admin: AdminDep,
                          body: work_orders.WorkOrderSpec) -> work_orders.WorkOrderCreated:
        created = work_orders.create(_db(request), body)
        log.info("work order %s created", created.work_order_id)
        return created
    @app.get(f"{API_PREFIX}/policies", responses=ERRORS)
    def policy_list(request: Request, device: DeviceDep) -> PolicyList:
        return policies.current(_db(request), device.badge_no)

    @app.get(f"{API_PREFIX}/policies/{{kind}}/{{version}}", responses=ERRORS)
    def policy_content(request: Request, device: DeviceDep,
                       kind: Annotated[str, Path(max_length=32)],
                       version: Annotated[str, Path(max_length=64)]) -> PolicyContent:
        return policies.content(_db(request), device.badge_no, kind, version)

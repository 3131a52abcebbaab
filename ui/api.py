"""The HTTP API, a FastAPI app that the Gradio app is mounted beside (`ui.app.build_server`).

Routes (all JSON; the OpenAPI schema is served at /api/openapi.json. No Swagger page: it would load its
scripts from a CDN, and nothing here reaches the network):
  POST   /api/ask                      question + filters; `stream` gives NDJSON (or SSE with `stream_format`
                                       "sse" or `Accept: text/event-stream`) events: status, token, answer
  POST   /api/retrieve                 question + filters + k: the retrieved passages with their scores (no model)
  GET    /api/articles                 every article with metadata and ingest status
  GET    /api/articles/{id}            one article with its cleaned text
  POST   /api/articles                 multipart upload (`files`), same rules and messages as `newsrag ingest`
  DELETE /api/articles/{id}            remove an article and everything indexed from it
  GET    /api/articles/{id}/summary    cited, checked summary (cached)
  GET    /api/brief                    the cross-article dated timeline, when the service has one
  GET    /api/health                   counts and backends

Errors are `{"error": {"type", "message"}}` with the status of the CLI's error class: bad input 400 (upload
too large 413, wrong type 415), not found 404, request validation 422, index mismatch 409, busy 503 with
Retry-After, model missing 503, backend or store failure 502, settings 500. Requests that use the model take
one of `model_slots` slots, waiting at most `busy_wait` seconds before answering 503.
"""

from __future__ import annotations

import json
import secrets
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any, Literal

import rag  # noqa: F401 - offline environment first
from rag.errors import (BackendError, BadInput, Busy, ConfigError, IndexMismatch, ModelMissing, NewsragError, NotFound,
                        ProvisioningError, StoreError, UnsupportedUpload, UploadRejected, UploadTooLarge)
from rag.retrieval.retriever import Filters
from rag.uploads import Upload

try:
    from fastapi import Depends, FastAPI, File, Query, Request, UploadFile
    from fastapi.concurrency import run_in_threadpool
    from fastapi.exceptions import RequestValidationError
    from fastapi.responses import JSONResponse, StreamingResponse
    from fastapi.security import HTTPBasic, HTTPBasicCredentials
    from pydantic import BaseModel, Field
    from starlette.exceptions import HTTPException as StarletteHTTPException
except ImportError as error:  # pragma: no cover - depends on the install
    raise ConfigError("the HTTP API needs fastapi: pip install 'newsrag[ui]'") from error

TRACE_KEYS = ("timings", "refusal_reason", "model")  # what an answer's trace keeps without `trace: true` (as the CLI)
BRIEF_MISSING = "brief not available: this version of newsrag has no cross-article brief (Service.brief) yet"


def status_for(error: NewsragError) -> int:
    """The HTTP status of a NewsragError class (most specific first)."""
    statuses = ((NotFound, 404), (UploadTooLarge, 413), (UnsupportedUpload, 415), (Busy, 503), (IndexMismatch, 409),
                (ModelMissing, 503), (ProvisioningError, 503), (BackendError, 502), (StoreError, 502), (ConfigError, 500))
    for cls, status in statuses:
        if isinstance(error, cls):
            return status
    if isinstance(error, BadInput):
        return 400
    return 500


def error_body(kind: str, message: str, **extra: Any) -> dict[str, Any]:
    return {"error": {"type": kind, "message": message, **extra}}


class AskRequest(BaseModel):
    question: str = Field(min_length=1, max_length=2000, examples=["When might the Oreshnik missile be deployed in Belarus?"])
    outlet: str | None = Field(default=None, max_length=200)
    date_from: date | None = Field(default=None, description="earliest article date (YYYY-MM-DD), inclusive")
    date_to: date | None = Field(default=None, description="latest article date (YYYY-MM-DD), inclusive")
    article_ids: list[str] = Field(default_factory=list, max_length=50)
    recent: bool = False
    trace: bool = Field(default=False, description="include retrieval scores, verification verdicts and timings")
    stream: bool = Field(default=False, description="stream events (NDJSON, or SSE) instead of one JSON answer")
    stream_format: Literal["ndjson", "sse"] = "ndjson"

    def filters(self) -> Filters:
        return Filters(outlet=self.outlet or None, date_from=self.date_from.isoformat() if self.date_from else None,
                       date_to=self.date_to.isoformat() if self.date_to else None, article_ids=tuple(self.article_ids),
                       prefer_recent=self.recent)


class RetrieveRequest(BaseModel):
    question: str = Field(min_length=1, max_length=2000, examples=["Oreshnik Bélarus"])
    outlet: str | None = Field(default=None, max_length=200)
    date_from: date | None = Field(default=None, description="earliest article date (YYYY-MM-DD), inclusive")
    date_to: date | None = Field(default=None, description="latest article date (YYYY-MM-DD), inclusive")
    article_ids: list[str] = Field(default_factory=list, max_length=50)
    recent: bool = False
    k: int | None = Field(default=None, ge=1, le=50, description="passages to return (default: the settings' k)")

    def filters(self) -> Filters:
        return Filters(outlet=self.outlet or None, date_from=self.date_from.isoformat() if self.date_from else None,
                       date_to=self.date_to.isoformat() if self.date_to else None, article_ids=tuple(self.article_ids),
                       prefer_recent=self.recent)


def _hit_payload(hit: Any) -> dict[str, Any]:
    c = hit.chunk
    return {"rank": hit.rank, "score": hit.score, "dense": hit.dense, "bm25": hit.bm25, "dense_rank": hit.dense_rank,
            "bm25_rank": hit.bm25_rank, "chunk_id": c.chunk_id, "article_id": c.article_id, "source": c.source,
            "title": c.title, "outlet": c.outlet, "date": c.date, "start": c.span.start, "end": c.span.end, "text": c.text}


class ModelSlots:
    """At most `slots` model requests at a time; a request that waits longer than `wait` seconds is told Busy."""

    def __init__(self, slots: int = 1, wait: float = 30.0) -> None:
        self._semaphore = threading.BoundedSemaphore(slots)
        self.wait = wait

    @contextmanager
    def slot(self) -> Iterator[None]:
        if not self._semaphore.acquire(timeout=self.wait):
            raise Busy(f"the model is busy answering other requests (waited {self.wait:.0f} s): retry in a few seconds")
        try:
            yield
        finally:
            self._semaphore.release()


def _answer_payload(answer: Any, trace: bool) -> dict[str, Any]:
    payload = answer.as_dict()
    if not trace:
        payload["trace"] = {k: v for k, v in payload["trace"].items() if k in TRACE_KEYS}
    return payload


def _sse(event: dict[str, Any]) -> str:
    return f"event: {event['event']}\ndata: {json.dumps(event, ensure_ascii=False, default=str)}\n\n"


def create_api(service: Any, credentials: tuple[str, str] | None = None, model_slots: ModelSlots | None = None) -> FastAPI:
    """The API app for `service`; with `credentials`, every /api route requires HTTP Basic auth with them."""
    slots = model_slots or ModelSlots()
    basic = HTTPBasic(auto_error=False)

    def authorised(given: HTTPBasicCredentials | None = Depends(basic)) -> None:
        if credentials is None:
            return
        ok = given is not None and secrets.compare_digest(given.username.encode(), credentials[0].encode()) and \
            secrets.compare_digest(given.password.encode(), credentials[1].encode())
        if not ok:
            raise StarletteHTTPException(401, "authentication required: send HTTP Basic credentials (the --auth user:password)",
                                         headers={"WWW-Authenticate": "Basic"})

    api = FastAPI(title="newsrag", version="0.1.0", openapi_url="/api/openapi.json", docs_url=None, redoc_url=None,
                  description="Answers about news articles with checked, sentence-level citations.")
    guarded = [Depends(authorised)]

    @api.exception_handler(NewsragError)
    async def _newsrag_error(_request: Request, error: NewsragError) -> JSONResponse:
        status = status_for(error)
        headers = {"Retry-After": "5"} if isinstance(error, Busy) else None
        return JSONResponse(error_body(type(error).__name__, str(error)), status_code=status, headers=headers)

    @api.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, error: RequestValidationError) -> JSONResponse:
        problems = [{"loc": [str(p) for p in e.get("loc", ())], "msg": e.get("msg", "")} for e in error.errors()]
        message = "; ".join(f"{'.'.join(p['loc'][1:]) or p['loc'][0] if p['loc'] else 'request'}: {p['msg']}" for p in problems)
        body = error_body("ValidationError", f"invalid request ({message}): see /api/openapi.json", details=problems)
        return JSONResponse(body, status_code=422)

    @api.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, error: StarletteHTTPException) -> JSONResponse:
        return JSONResponse(error_body("HTTPError", str(error.detail)), status_code=error.status_code, headers=error.headers)

    @api.get("/api/health", dependencies=guarded)
    def health() -> dict[str, Any]:
        entries = service.corpus.articles()
        s = service.settings
        return {"status": "ok", "articles": len(entries), "chunks": sum(len(e.chunk_ids) for e in entries), "llm": s.llm,
                "embedder": s.embedder, "store": s.store, "brief": hasattr(service, "brief")}

    @api.post("/api/ask", dependencies=guarded)
    def ask(body: AskRequest, request: Request) -> Any:
        filters = body.filters()
        if not body.stream:
            with slots.slot():
                return _answer_payload(service.ask(body.question, filters), body.trace)
        sse = body.stream_format == "sse" or "text/event-stream" in request.headers.get("accept", "")
        context = slots.slot()
        context.__enter__()  # released when the stream ends (or fails before it starts)
        try:
            events = iter(service.ask_stream(body.question, filters))
            first = next(events)  # errors in the question or the backends still get their status code
        except BaseException:
            context.__exit__(None, None, None)
            raise

        def generate() -> Iterator[str]:
            try:
                event = first
                while True:
                    if event.kind == "answer" and event.answer is not None:
                        item = {"event": "answer", "answer": _answer_payload(event.answer, body.trace)}
                    else:
                        item = {"event": event.kind, "text": event.text}
                    yield _sse(item) if sse else json.dumps(item, ensure_ascii=False, default=str) + "\n"
                    event = next(events)
            except StopIteration:
                return
            except NewsragError as error:
                item = {"event": "error", **error_body(type(error).__name__, str(error))}
                yield _sse(item) if sse else json.dumps(item, ensure_ascii=False) + "\n"
            finally:
                context.__exit__(None, None, None)

        return StreamingResponse(generate(), media_type="text/event-stream" if sse else "application/x-ndjson",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    @api.post("/api/retrieve", dependencies=guarded)
    def retrieve(body: RetrieveRequest) -> dict[str, Any]:  # no model slot: retrieval does not use the LLM
        result = service.retrieve(body.question, body.filters(), body.k)
        return {"question": body.question, "hits": [_hit_payload(h) for h in result.hits], "timings": result.timings}

    @api.get("/api/articles", dependencies=guarded)
    def list_articles() -> dict[str, Any]:
        return {"articles": service.list_articles()}

    @api.get("/api/articles/{article_id}", dependencies=guarded)
    def get_article(article_id: str) -> dict[str, Any]:
        article = service.article(article_id)
        info = next(r for r in service.list_articles() if r["article_id"] == article.article_id)
        return {**info, "url": article.url, "text": article.text}

    @api.post("/api/articles", status_code=201, dependencies=guarded)
    async def upload(files: list[UploadFile] = File(..., description="article files (.txt .md .html .json .jsonl)")) -> dict[str, Any]:
        s = service.settings
        if len(files) > s.upload_max_files:
            raise UploadRejected(f"{len(files)} files uploaded, the limit is {s.upload_max_files}: upload them in smaller batches")
        uploads = [Upload(f.filename or "", await f.read(s.upload_max_bytes + 1), f.content_type) for f in files]
        result = await run_in_threadpool(service.add_uploads, uploads)
        return result.as_dict()

    @api.delete("/api/articles/{article_id}", dependencies=guarded)
    def delete(article_id: str) -> dict[str, Any]:
        return {"deleted": service.delete_article(article_id)}

    @api.get("/api/articles/{article_id}/summary", dependencies=guarded)
    def summary(article_id: str, language: Literal["fr", "en"] | None = None, length: Literal["short", "medium"] = "short",
                refresh: bool = False) -> dict[str, Any]:
        entry = service.find_article(article_id)
        with slots.slot():
            return service.summarize(entry.article_id, language, length, refresh).as_dict()

    @api.get("/api/brief", dependencies=guarded)
    def brief(topic: str | None = Query(default=None, max_length=500), language: Literal["fr", "en"] | None = None) -> Any:
        if not hasattr(service, "brief"):
            return JSONResponse(error_body("NotAvailable", BRIEF_MISSING), status_code=501)
        with slots.slot():
            result = service.brief(topic=topic or None, language=language)
        return {"topic": topic, "language": language, "entries": result.as_dict()}

    @api.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    def unknown(rest: str, request: Request) -> None:  # otherwise the Gradio app mounted at / would answer
        raise StarletteHTTPException(404, f"no route {request.method} /api/{rest}: see /api/openapi.json for the routes")

    return api

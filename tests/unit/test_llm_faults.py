"""LLM backend faults against real local HTTP servers on 127.0.0.1: down, slow, trickling, failing then
recovering, garbage, empty. Each ends in a clear BackendError (or a reply) within a bounded time, with a
bounded number of attempts; through the answer pipeline a failure becomes a retrieval-only answer."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from rag.errors import BackendError
from rag.llm import LLM, FakeLLM, FunctionLLM, Message, get_llm
from rag.llm.openai import OpenAICompatLLM
from rag.service import Service
from rag.types import Answer
from tests.conftest import make_settings
from tests.servers import free_port

PROMPT = [Message("user", "Bonjour ?")]
QUESTION = "Quand le missile Oreshnik pourrait-il être déployé au Bélarus ?"


def _sse(pieces: list[str]) -> bytes:
    events = [json.dumps({"choices": [{"delta": {"content": p}}]}) for p in pieces]
    return "".join(f"data: {e}\n\n" for e in events).encode() + b"data: [DONE]\n\n"


Behaviour = Callable[[BaseHTTPRequestHandler, int], None]  # (handler, request number starting at 1)


@contextmanager
def fake_openai_server(behaviour: Behaviour) -> Iterator[tuple[str, list[int]]]:
    """A real HTTP server on 127.0.0.1 whose /chat/completions does `behaviour`. Yields (base URL, request log)."""
    requests: list[int] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 - http.server's name
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            requests.append(len(requests) + 1)
            try:
                behaviour(self, len(requests))
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up, as it should

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1", requests
    finally:
        server.shutdown()
        server.server_close()


def _headers(handler: BaseHTTPRequestHandler, status: int = 200, kind: str = "text/event-stream") -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", kind)
    handler.end_headers()


def _llm(url: str, timeout: float = 1.0, retries: int = 2) -> OpenAICompatLLM:
    llm = get_llm(make_settings(Path("/tmp/unused"), llm=f"openai:{url}", openai_timeout=timeout, openai_retries=retries))
    assert isinstance(llm, OpenAICompatLLM)
    return llm


def _timed_failure(llm: OpenAICompatLLM) -> tuple[str, float]:
    started = time.perf_counter()
    with pytest.raises(BackendError) as caught:
        llm.generate(PROMPT, max_tokens=20)
    return str(caught.value), time.perf_counter() - started


def test_a_server_that_is_down_fails_fast_after_bounded_retries() -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"  # nothing listens there
    llm = _llm(url, retries=2)
    message, seconds = _timed_failure(llm)
    assert "unreachable" in message and url in message and "start it or fix openai_base_url" in message
    assert llm.attempts == 3  # one try and two retries
    assert seconds < 5, seconds  # backoff 0.5 s + 1.0 s


def test_a_server_that_never_answers_times_out_without_retrying() -> None:
    with fake_openai_server(lambda handler, n: time.sleep(5)) as (url, requests):
        llm = _llm(url, timeout=1.0)
        message, seconds = _timed_failure(llm)
    assert "did not answer within 1 s" in message and "openai_timeout" in message
    assert llm.attempts == 1 and requests == [1]
    assert seconds < 2.5, seconds


def test_a_reply_that_trickles_past_the_deadline_is_cut() -> None:
    def trickle(handler: BaseHTTPRequestHandler, n: int) -> None:
        _headers(handler)
        for _ in range(40):  # one token every 0.3 s: each read is within the timeout, the whole reply is not
            handler.wfile.write(_sse(["mot "])[: -len(b"data: [DONE]\n\n")])
            handler.wfile.flush()
            time.sleep(0.3)

    with fake_openai_server(trickle) as (url, _):
        message, seconds = _timed_failure(_llm(url, timeout=1.0))
    assert "took longer than 1 s in total" in message
    assert seconds < 2.5, seconds


def test_server_errors_are_retried_a_bounded_number_of_times() -> None:
    def flaky(handler: BaseHTTPRequestHandler, n: int) -> None:
        if n < 3:
            _headers(handler, 503, "text/plain")
            handler.wfile.write(b"overloaded")
            return
        _headers(handler)
        handler.wfile.write(_sse(["bon", "jour"]))

    with fake_openai_server(flaky) as (url, requests):
        llm = _llm(url, retries=2)
        assert llm.generate(PROMPT) == "bonjour"
        assert requests == [1, 2, 3]
    with fake_openai_server(lambda handler, n: (_headers(handler, 500, "text/plain"), handler.wfile.write(b"boom"))) as (url, requests):
        message, _ = _timed_failure(_llm(url, retries=1))
        assert "HTTP 500 (boom)" in message and requests == [1, 2]


def test_garbage_from_the_server_is_a_clear_error() -> None:
    def garbage(handler: BaseHTTPRequestHandler, n: int) -> None:
        _headers(handler)
        handler.wfile.write(b"data: <html>502 Bad Gateway</html>\n\n")

    with fake_openai_server(garbage) as (url, _):
        message, seconds = _timed_failure(_llm(url))
    assert "malformed stream event" in message and "OpenAI-compatible" in message
    assert seconds < 2


# -- through the answer pipeline ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def indexed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from tests.conftest import SEEDS

    data = tmp_path_factory.mktemp("faults") / "data"
    seeds = data.parent / "seeds"
    shutil.copytree(SEEDS, seeds)
    Service(make_settings(data)).ingest([seeds])
    return data


def _service(data: Path, llm: LLM) -> Service:
    return Service(make_settings(data, min_dense_similarity=0.05, support_threshold=0.45), llm=llm)


def _check_retrieval_only(answer: Answer | None, seconds: float, reason: str) -> None:
    assert answer is not None
    assert answer.refused and answer.trace["retrieval_only"] is True
    assert answer.answer.startswith("Le modèle de langue est indisponible")
    assert reason in answer.trace["refusal_reason"]
    closest = answer.trace["closest"]
    assert closest and all(c["text"] and c["source"] for c in closest)
    assert seconds < 10, seconds  # retrieval and the fake embedder on a shared 2-core machine; the backend gave up in ~1.5 s


def test_llm_down_gives_a_retrieval_only_answer(indexed: Path) -> None:
    service = _service(indexed, _llm(f"http://127.0.0.1:{free_port()}/v1"))
    started = time.perf_counter()
    answer = service.ask(QUESTION)
    _check_retrieval_only(answer, time.perf_counter() - started, "unreachable")
    assert any("second semestre 2025" in c["text"] for c in answer.trace["closest"])


def test_llm_timeout_gives_a_retrieval_only_answer_also_when_streaming(indexed: Path) -> None:
    with fake_openai_server(lambda handler, n: time.sleep(3)) as (url, _):
        service = _service(indexed, _llm(url, timeout=1.0))
        started = time.perf_counter()
        events = list(service.ask_stream(QUESTION))
    assert [e.kind for e in events] == ["answer"]
    _check_retrieval_only(events[0].answer, time.perf_counter() - started, "did not answer within 1 s")


def test_a_broken_follow_up_rewrite_falls_back_to_the_question(indexed: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    answer = _service(indexed, _llm(url, retries=0)).ask(QUESTION, history=[("Qui ?", "Poutine [1].")])
    assert answer.trace["retrieval_only"] is True and answer.trace["standalone_question"] == QUESTION


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        ("", "model: empty reply"),
        ("   \n  ", "model: empty reply"),
        ("\x00\x01 ���� ]]][[[ 0xDEADBEEF lorem ipsum [99] [0] [-1]", "verification"),
        ("<|im_start|>assistant\n<|im_end|>", "verification"),
        ("Oui. " * 200, "verification"),
    ],
    ids=["empty", "whitespace", "garbage", "template-tokens", "runaway"],
)
def test_garbage_or_empty_model_output_is_refused_with_the_passages(indexed: Path, reply: str, reason: str) -> None:
    started = time.perf_counter()
    answer = _service(indexed, FakeLLM([reply])).ask(QUESTION)
    assert answer.refused and answer.answer == "Les articles ne le disent pas."
    assert reason in answer.trace["refusal_reason"]
    assert answer.trace["closest"] and answer.citations == []
    assert time.perf_counter() - started < 15  # the runaway reply is 160 sentences to check


def test_a_stream_that_breaks_mid_answer_ends_in_a_retrieval_only_answer(indexed: Path) -> None:
    class Breaking(FunctionLLM):
        def _stream(self, messages: list[Message], max_tokens: int, stop: list[str] | None) -> Iterator[str]:
            yield "Le déploiement "
            raise BackendError("the stream from http://127.0.0.1:1/v1 broke (ReadError): retry the question")

    events = list(_service(indexed, Breaking(lambda m: "")).ask_stream(QUESTION))
    assert [e.kind for e in events] == ["token", "answer"]
    assert events[-1].answer.trace["retrieval_only"] is True
    assert "broke" in events[-1].answer.trace["refusal_reason"]

"""One contract for every LLM backend: fake, llama.cpp (the 0.5B model) and an OpenAI-compatible server
(llama-cpp-python's own server on 127.0.0.1 serving the 0.5B model)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from rag.errors import BackendError
from rag.llm import LLM, FakeLLM, Message, get_llm
from rag.models import get_spec, model_path
from tests.conftest import MODEL_DIR, make_settings
from tests.servers import free_port, server

SMALL = model_path(get_spec("qwen2.5-coder-0.5b"), MODEL_DIR)
needs_small = pytest.mark.skipif(not SMALL.exists(), reason="run 'newsrag models pull qwen2.5-coder-0.5b'")
PROMPT = [Message("system", "You are terse."), Message("user", "Reply with the word: bonjour")]


@pytest.fixture(scope="module")
def llamacpp_small() -> LLM:
    if not SMALL.exists():
        pytest.skip("small model absent")
    return get_llm(make_settings(Path("/tmp/unused"), llm=f"llamacpp:{SMALL}"))


@pytest.fixture(scope="module")
def openai_small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LLM]:
    if not SMALL.exists():
        pytest.skip("small model absent")
    port = free_port()
    log = tmp_path_factory.mktemp("llama-server") / "server.log"
    command = [sys.executable, "-m", "llama_cpp.server", "--model", str(SMALL), "--host", "127.0.0.1", "--port", str(port),
               "--n_threads", "2", "--n_ctx", "2048", "--model_alias", "small"]
    with server(command, port, log, timeout=120):
        yield get_llm(make_settings(Path("/tmp/unused"), llm=f"openai:http://127.0.0.1:{port}/v1#small"))


@pytest.fixture(params=["fake", "llamacpp", "openai"])
def llm(request: pytest.FixtureRequest) -> LLM:
    if request.param == "fake":
        return FakeLLM(["bonjour"])
    if request.param == "llamacpp":
        return request.getfixturevalue("llamacpp_small")
    return request.getfixturevalue("openai_small")


@pytest.mark.integration
@pytest.mark.server
def test_generate_returns_text(llm: LLM) -> None:
    assert "bonjour" in llm.generate(PROMPT, max_tokens=10).lower()


@pytest.mark.integration
@pytest.mark.server
def test_stream_yields_pieces_that_join_to_the_answer(llm: LLM) -> None:
    pieces = list(llm.stream(PROMPT, max_tokens=10))
    assert pieces and all(isinstance(p, str) for p in pieces)
    assert "bonjour" in "".join(pieces).lower()


@pytest.mark.integration
@pytest.mark.server
def test_stop_strings_end_the_reply(llm: LLM) -> None:
    counting = [Message("user", "Count from 1 to 9 separated by spaces, nothing else.")]
    if isinstance(llm, FakeLLM):
        llm.replies = ["1 2 3 4 5 6 7 8 9"]
    text = llm.generate(counting, max_tokens=30, stop=["5"])
    assert "4" in text and "5" not in text and "9" not in text


@pytest.mark.integration
@pytest.mark.server
def test_max_tokens_bounds_the_reply(llm: LLM) -> None:
    long = [Message("user", "Write a long story about a cat.")]
    if isinstance(llm, FakeLLM):
        llm.replies = [" ".join(["mot"] * 100)]
    assert llm.count_tokens(llm.generate(long, max_tokens=5)) <= 8


@pytest.mark.integration
@pytest.mark.server
def test_token_counting_is_positive_and_monotonic(llm: LLM) -> None:
    short, longer = llm.count_tokens("bonjour"), llm.count_tokens("bonjour tout le monde, comment allez-vous ?")
    assert 0 < short < longer


@pytest.mark.integration
@pytest.mark.server
def test_empty_messages_are_an_error(llm: LLM) -> None:
    with pytest.raises((BackendError, ValueError)):
        llm.generate([], max_tokens=5)


def test_unreachable_openai_server_is_a_clear_error() -> None:
    llm = get_llm(make_settings(Path("/tmp/unused"), llm=f"openai:http://127.0.0.1:{free_port()}/v1", openai_retries=1))
    with pytest.raises(BackendError, match="unreachable"):
        llm.generate(PROMPT, max_tokens=5)


def test_missing_gguf_names_the_fix(tmp_path: Path) -> None:
    from rag.errors import ModelMissing

    with pytest.raises(ModelMissing, match="models pull"):
        get_llm(make_settings(tmp_path, llm=f"llamacpp:{tmp_path / 'none.gguf'}"))


@pytest.mark.integration
def test_llamacpp_reply_does_not_depend_on_the_previous_question(llamacpp_small: LLM) -> None:
    """The KV cache keeps only the system prompt between conversations, so a question asked cold, after
    another question, or twice, is read from the same state and gets the same tokens."""
    system = Message("system", "You answer in one short sentence, using only the source. " * 8)
    source = "Source: Le traité a été signé à Minsk le 6 décembre 2024 par Vladimir Poutine et Alexandre Loukachenko."
    asked = [system, Message("user", f"{source}\nQuestion: Where and when was the treaty signed?")]
    other = [system, Message("user", f"{source} Le Kremlin a publié un communiqué.\nQuestion: Who published a statement?")]
    llamacpp_small._llama.reset()  # type: ignore[attr-defined]
    cold = llamacpp_small.generate(asked, max_tokens=40)
    llamacpp_small.generate(other, max_tokens=40)
    assert llamacpp_small.generate(asked, max_tokens=40) == cold
    assert llamacpp_small.generate(asked, max_tokens=40) == cold
    # a follow-up turn of the same conversation reuses its whole prefix (no re-read of the sources)
    follow_up = [*asked, Message("assistant", cold), Message("user", "Say it in French.")]
    assert llamacpp_small.generate(follow_up, max_tokens=40).strip()


@pytest.mark.integration
def test_llamacpp_first_call_reads_the_system_prompt_alone_too() -> None:
    """A new instance's first call used to read system prompt and question in one batch, and every later
    call reused that system-prompt cache: answers then depended on which question a process was asked
    first (a summary of 002 differed after summarising 001). The first call now takes the same path."""
    if not SMALL.exists():
        pytest.skip("small model absent")
    system = Message("system", "You answer in one short sentence, using only the source. " * 8)
    source = "Source: Le traité a été signé à Minsk le 6 décembre 2024 par Vladimir Poutine et Alexandre Loukachenko."
    asked = [system, Message("user", f"{source}\nQuestion: Where and when was the treaty signed?")]
    other = [system, Message("user", f"{source} Le Kremlin a publié un communiqué.\nQuestion: Who published a statement?")]
    first = get_llm(make_settings(Path("/tmp/unused"), llm=f"llamacpp:{SMALL}"))
    reply = first.generate(asked, max_tokens=40)
    assert system.content in first._anchors  # type: ignore[attr-defined]  # the anchor path ran
    later = get_llm(make_settings(Path("/tmp/unused"), llm=f"llamacpp:{SMALL}"))
    later.generate(other, max_tokens=40)
    assert later.generate(asked, max_tokens=40) == reply

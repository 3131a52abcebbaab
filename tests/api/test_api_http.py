"""The HTTP API over real HTTP: the app served by a subprocess on 127.0.0.1 (hashed bag-of-words embedder and a
deterministic model that cites the sentence sharing most words with the question), seeds ingested."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.served import served_app

pytestmark = pytest.mark.server

QUESTION = "Quand le missile Oreshnik pourrait-il être déployé au Bélarus ?"
BRIDGE = ("Le Progrès, 3 mars 2025. La mairie de Lyon a inauguré lundi une passerelle piétonne sur le Rhône. "
          "La passerelle a coûté 12 millions d'euros et relie Gerland au 7e arrondissement.\nLes travaux ont duré deux ans.")


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("api") / "data"


@pytest.fixture(scope="module")
def client(data_dir: Path) -> Iterator[httpx.Client]:
    with served_app(data_dir, "--embedder", "fake") as url, httpx.Client(base_url=url, timeout=60) as http:
        yield http


def _error(response: httpx.Response, status: int, kind: str, text: str) -> None:
    assert response.status_code == status, response.text
    body = response.json()["error"]
    assert body["type"] == kind and text in body["message"], body


def test_health_and_openapi_schema(client: httpx.Client) -> None:
    health = client.get("/api/health").json()
    assert health == {"status": "ok", "articles": 5, "chunks": 16, "llm": "fake", "embedder": "fake", "store": "chroma-local",
                      "brief": True}
    schema = client.get("/api/openapi.json").json()
    assert {"/api/ask", "/api/retrieve", "/api/articles", "/api/articles/{article_id}", "/api/articles/{article_id}/summary", "/api/brief",
            "/api/health"} <= set(schema["paths"])
    assert {"get", "post"} <= set(schema["paths"]["/api/articles"]) and "delete" in schema["paths"]["/api/articles/{article_id}"]
    assert client.get("/").status_code == 200  # the Gradio app beside it


def test_ask_returns_an_answer_whose_citation_spans_are_exact(client: httpx.Client) -> None:
    answer = client.post("/api/ask", json={"question": QUESTION}).json()
    assert not answer["refused"] and answer["citations"]
    assert set(answer["trace"]) <= {"timings", "refusal_reason", "model"}
    for c in answer["citations"]:
        text = client.get(f"/api/articles/{c['article_id']}").json()["text"]
        assert text[c["start"]:c["end"]] == c["text"]
    assert "second semestre 2025" in answer["citations"][0]["text"]
    assert "retrieval" in json.dumps(client.post("/api/ask", json={"question": QUESTION, "trace": True}).json()["trace"])


def test_ask_streams_ndjson_and_sse(client: httpx.Client) -> None:
    with client.stream("POST", "/api/ask", json={"question": QUESTION, "stream": True}) as response:
        assert response.headers["content-type"].startswith("application/x-ndjson")
        events = [json.loads(line) for line in response.iter_lines() if line]
    assert [e["event"] for e in events].count("token") > 3 and events[-1]["event"] == "answer"
    assert events[-1]["answer"]["citations"]
    sse = {"Accept": "text/event-stream"}
    with client.stream("POST", "/api/ask", json={"question": QUESTION, "stream": True}, headers=sse) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        text = response.read().decode()
    assert text.startswith("event: ") and "event: answer\ndata: {" in text


@pytest.mark.parametrize(("body", "text"), [
    ({"question": ""}, "question"),
    ({"question": "x" * 2001}, "question"),
    ({"question": QUESTION, "date_from": "6 décembre"}, "date_from"),
    ({"question": QUESTION, "stream_format": "xml"}, "stream_format"),
    ({}, "question"),
])
def test_ask_bad_requests_are_422_json(client: httpx.Client, body: dict, text: str) -> None:
    _error(client.post("/api/ask", json=body), 422, "ValidationError", text)


def test_ask_with_filters_that_match_nothing_refuses(client: httpx.Client) -> None:
    answer = client.post("/api/ask", json={"question": QUESTION, "outlet": "Nowhere Gazette"}).json()
    assert answer["refused"] and not answer["citations"]


def test_articles_list_open_and_not_found(client: httpx.Client) -> None:
    articles = client.get("/api/articles").json()["articles"]
    assert len(articles) == 5 and all(a["status"] == "indexed" for a in articles)
    one = client.get(f"/api/articles/{articles[0]['source']}").json()
    assert one["article_id"] == articles[0]["article_id"] and one["text"]
    _error(client.get("/api/articles/nope"), 404, "NotFound", "no article 'nope'")
    _error(client.delete("/api/articles/nope"), 404, "NotFound", "no article 'nope'")
    _error(client.get("/api/articles/nope/summary"), 404, "NotFound", "no article 'nope'")
    _error(client.get("/api/nowhere"), 404, "HTTPError", "no route GET /api/nowhere")


def test_upload_list_answer_then_delete(client: httpx.Client, data_dir: Path) -> None:
    files = [("files", ("../../passerelle Lyon.txt", BRIDGE.encode(), "text/plain"))]
    response = client.post("/api/articles", files=files)
    assert response.status_code == 201, response.text
    [added] = response.json()["articles"]
    assert added["file"] == "passerelle_Lyon.txt" and response.json()["report"]["articles_new"] == 1
    assert (data_dir / "uploads" / "passerelle_Lyon.txt").read_bytes() == BRIDGE.encode()
    assert not (data_dir.parent / "passerelle Lyon.txt").exists()
    assert added["article_id"] in {a["article_id"] for a in client.get("/api/articles").json()["articles"]}
    answer = client.post("/api/ask", json={"question": "Combien a coûté la passerelle ?"}).json()
    assert not answer["refused"] and answer["citations"][0]["article_id"] == added["article_id"]
    assert "12 millions" in answer["citations"][0]["text"]  # the sentence that answers "combien"

    deleted = client.delete(f"/api/articles/{added['article_id']}").json()["deleted"]
    assert deleted["article_id"] == added["article_id"] and deleted["chunks_removed"] >= 1
    assert added["article_id"] not in {a["article_id"] for a in client.get("/api/articles").json()["articles"]}
    assert not (data_dir / "uploads" / "passerelle_Lyon.txt").exists()
    again = client.post("/api/ask", json={"question": "Combien a coûté la passerelle ?"}).json()
    assert all(c["article_id"] != added["article_id"] for c in again["citations"])
    assert client.get("/api/health").json()["articles"] == 5


@pytest.mark.parametrize(("files", "status", "kind", "text"), [
    ([("files", ("photo.png", b"\x89PNG\r\n", "image/png"))], 415, "UnsupportedUpload", "unsupported file type (.png)"),
    ([("files", ("notes.txt", b"a\x00b", "text/plain"))], 415, "UnsupportedUpload", "binary"),
    ([("files", ("big.txt", b"x" * 5_000_001, "text/plain"))], 413, "UploadTooLarge", "over 5,000,000 bytes"),
    ([("files", ("empty.txt", b"", "text/plain"))], 400, "UploadRejected", "empty"),
    ([("files", (f"a{i}.txt", b"x", "text/plain")) for i in range(21)], 400, "UploadRejected", "the limit is 20"),
    ([("files", ("furniture.txt", b"Loading...\n#Belarus #Russie\n", "text/plain"))], 400, "UploadRejected", "no article could be read"),
])
def test_bad_uploads_get_their_status_and_nothing_is_kept(client: httpx.Client, data_dir: Path, files: list, status: int, kind: str,
                                                           text: str) -> None:
    _error(client.post("/api/articles", files=files), status, kind, text)
    uploads = data_dir / "uploads"
    assert not uploads.exists() or not [p for p in uploads.iterdir() if not p.name.startswith(".")]


def test_upload_without_files_is_422(client: httpx.Client) -> None:
    _error(client.post("/api/articles", data={"x": "1"}), 422, "ValidationError", "files")


def test_summary_and_its_errors(client: httpx.Client) -> None:
    source = client.get("/api/articles").json()["articles"][0]["source"]
    summary = client.get(f"/api/articles/{source}/summary", params={"language": "fr"}).json()
    assert summary["source"] == source and summary["summary"] and summary["citations"]
    assert client.get(f"/api/articles/{source}/summary", params={"language": "fr"}).json()["cached"] is True
    _error(client.get(f"/api/articles/{source}/summary", params={"length": "epic"}), 422, "ValidationError", "length")
    _error(client.get(f"/api/articles/{source}/summary", params={"language": "de"}), 422, "ValidationError", "language")


def test_brief_is_a_dated_cited_timeline_in_order(client: httpx.Client) -> None:
    response = client.get("/api/brief", timeout=300)
    assert response.status_code == 200, response.text
    entries = response.json()["entries"]
    assert entries and all({"date", "text", "citations"} <= set(e) for e in entries), entries
    dated = [e["date"] for e in entries if e["date"]]
    assert dated == sorted(dated), dated  # chronological; undated entries say so instead of guessing
    for entry in entries:
        assert entry["text"] and entry["citations"], entry
        for citation in entry["citations"]:
            text = client.get(f"/api/articles/{citation['article_id']}").json()["text"]
            assert text[citation["start"]:citation["end"]] == citation["text"]
    _error(client.get("/api/brief", params={"language": "de"}), 422, "ValidationError", "")


def test_busy_model_is_503_and_auth_is_required(tmp_path: Path) -> None:
    with served_app(tmp_path / "data", "--embedder", "fake", "--delay", "3", "--busy-wait", "0.5", "--auth", "ada:s3cret") as url:
        _error(httpx.get(f"{url}/api/health"), 401, "HTTPError", "authentication required")
        _error(httpx.get(f"{url}/api/health", auth=("ada", "wrong")), 401, "HTTPError", "authentication required")
        with httpx.Client(base_url=url, auth=("ada", "s3cret"), timeout=60) as http:
            assert http.get("/api/health").json()["status"] == "ok"
            first: list[httpx.Response] = []
            slow = threading.Thread(target=lambda: first.append(http.post("/api/ask", json={"question": QUESTION})))
            slow.start()
            import time

            time.sleep(1.0)  # the first request holds the model for 3 s
            busy = http.post("/api/ask", json={"question": QUESTION})
            slow.join(30)
        _error(busy, 503, "Busy", "retry in a few seconds")
        assert busy.headers["retry-after"] == "5"
        assert first[0].status_code == 200 and first[0].json()["citations"]


BAD_VALUES = [None, 0, -1, 1.5, True, "", " ", "x" * 3000, "\u0000", "../../etc/passwd", "<script>alert(1)</script>", "é" * 50,
              [], {}, ["a"], {"a": 1}]


def test_schema_driven_bad_inputs_never_cause_a_server_error(client: httpx.Client) -> None:
    """Schemathesis-style, without the dependency: for every operation of the OpenAPI schema, every parameter and
    body field gets each of BAD_VALUES in turn; no answer may be a 5xx (except 501 for the missing brief), and every
    4xx carries the JSON error shape. Destructive routes are only fuzzed with values that name no article."""
    from urllib.parse import quote

    schema = client.get("/api/openapi.json").json()
    before = client.get("/api/articles").json()["articles"]
    checked = 0
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            parameters = operation.get("parameters", [])
            body_schema = operation.get("requestBody", {}).get("content", {})
            fields: list[tuple[str, str]] = [(p["in"], p["name"]) for p in parameters]
            if "application/json" in body_schema:
                ref = body_schema["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
                fields += [("body", f) for f in schema["components"]["schemas"][ref]["properties"]]
            if "multipart/form-data" in body_schema:
                fields.append(("files", "files"))
            for where, name in fields or [("none", "")]:
                for value in BAD_VALUES:
                    url, query, body, files = path, {}, None, None
                    for p in parameters:
                        if p["in"] == "path":
                            shown = value if where == "path" and p["name"] == name else "no-such-article"
                            url = url.replace("{" + p["name"] + "}", quote(str(shown), safe="") or "%20")
                        elif where == "query" and p["name"] == name and value is not None:
                            query[name] = value if isinstance(value, str) else json.dumps(value)
                    if where == "body":
                        body = {"question": "Oreshnik ?", name: value}
                    if where == "files":
                        files = [("files", (str(value)[:200], str(value).encode(), "text/plain"))]
                    if method == "delete" and where == "path" and any(str(value) in (a["article_id"], a["source"]) for a in before):
                        continue
                    response = client.request(method.upper(), url, params=query, json=body, files=files)
                    checked += 1
                    allowed_5xx = path == "/api/brief" and response.status_code == 501
                    assert response.status_code < 500 or allowed_5xx, (method, url, query, body, response.text)
                    if response.status_code >= 400:
                        error = response.json()["error"]
                        assert error["type"] and error["message"], response.text
    assert checked > 150
    assert [a["article_id"] for a in client.get("/api/articles").json()["articles"]][:5] == [a["article_id"] for a in before][:5]


def test_retrieve_returns_scored_passages_whose_spans_are_exact(client: httpx.Client) -> None:
    body = client.post("/api/retrieve", json={"question": QUESTION, "k": 3}).json()
    assert body["question"] == QUESTION and 1 <= len(body["hits"]) <= 3
    assert [h["rank"] for h in body["hits"]] == list(range(1, len(body["hits"]) + 1))
    assert all(a["score"] >= b["score"] for a, b in zip(body["hits"], body["hits"][1:]))
    top = body["hits"][0]
    assert top["text"] and (top["dense"] is not None or top["bm25"] is not None)
    text = client.get(f"/api/articles/{top['article_id']}").json()["text"]
    assert text[top["start"]:top["end"]] == top["text"]
    assert client.post("/api/retrieve", json={"question": QUESTION, "outlet": "Nowhere Gazette"}).json()["hits"] == []
    _error(client.post("/api/retrieve", json={"question": QUESTION, "k": 0}), 422, "ValidationError", "k")
    _error(client.post("/api/retrieve", json={"question": ""}), 422, "ValidationError", "question")

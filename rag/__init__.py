"""newsrag: question and summarise a collection of news articles, with checked citations.

Importing the package makes every third-party library it uses offline and silent: no hub downloads,
no telemetry, and tiktoken reads its encodings from the project's model cache. These are process-wide
environment settings, so they are set here, once, before any of those libraries is imported.
"""

from __future__ import annotations

import os

from rag._paths import default_model_dir

_OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_DATASETS_OFFLINE": "1",
    "GRADIO_ANALYTICS_ENABLED": "False",
    "ANONYMIZED_TELEMETRY": "False",
    "DO_NOT_TRACK": "1",
    "TOKENIZERS_PARALLELISM": "false",
}

for _key, _value in _OFFLINE_ENV.items():
    os.environ[_key] = _value
# Where tiktoken looks for its BPE files; `newsrag models pull` puts them there.
os.environ["TIKTOKEN_CACHE_DIR"] = str(default_model_dir() / "tiktoken")

__version__ = "0.1.0"

# The two commands: `make run` serves the seeds, `make test` runs the whole suite.
# Both create .venv if missing, install from the pinned constraints, and provision the models offline.
VENV      ?= .venv
PY        := $(VENV)/bin/python
NEWSRAG   := $(VENV)/bin/newsrag
# llama.cpp is compiled for the CPU that runs it (the wheel is built here and kept per instruction set):
# AVX2 everywhere, plus AVX-512 where the CPU has it. Measured 2026-12-07 on this 2-core machine (400-token
# prompt, Qwen 1.5B, 5 alternating runs): the AVX-512 build read prompts at a median 66 tokens/s, the AVX2
# one at 58 (-march=native: 69).
LLAMA_CPU := $(shell grep -qw avx512f /proc/cpuinfo 2>/dev/null && grep -qw avx512bw /proc/cpuinfo && grep -qw avx512_vnni /proc/cpuinfo && grep -qw avx512vbmi /proc/cpuinfo && echo avx512 || echo avx2)
WHEELS    ?= $(HOME)/.cache/newsrag/wheels/$(LLAMA_CPU)
DATA      ?= .newsrag/seeds
HOST      ?= 127.0.0.1
PORT      ?= 7860
# Explicit instruction sets, not -march=native, so the flags say what the wheel needs.
LLAMA_CMAKE_ARGS := -DLLAVA_BUILD=OFF -DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON
ifeq ($(LLAMA_CPU),avx512)
LLAMA_CMAKE_ARGS += -DGGML_AVX512=ON -DGGML_AVX512_VBMI=ON -DGGML_AVX512_VNNI=ON
endif

.PHONY: install models seed run test test-fast test-browser browser-deps clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade "pip==26.3"
	mkdir -p $(WHEELS)
	ls $(WHEELS)/llama_cpp_python-0.3.36-*.whl >/dev/null 2>&1 || \
	  CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PY) -m pip wheel --quiet --no-deps "llama-cpp-python==0.3.36" -w $(WHEELS)
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt "torch==2.13.0"
	$(PY) -m pip install --quiet --disable-pip-version-check -c constraints.txt --find-links $(WHEELS) -e ".[ui,dev]"
	touch $@

models: install
	$(NEWSRAG) models pull --all

seed: models
	$(NEWSRAG) --data-dir $(DATA) ingest seeds/

run: seed
	@echo "newsrag: serving the seeds at http://$(HOST):$(PORT)"
	$(NEWSRAG) --data-dir $(DATA) serve --host $(HOST) --port $(PORT)

# Debian's Chromium for the browser tests (Playwright drives it; never 'playwright install').
browser-deps:
	command -v chromium >/dev/null || (apt-get update && apt-get install -y chromium)

test: models browser-deps
	$(PY) -m pytest -q

test-browser: models browser-deps
	$(PY) -m pytest -q -m browser

test-fast: install
	$(PY) -m pytest -q -m "not integration and not browser and not slow"

clean:
	rm -rf .newsrag

# Set-up and everyday commands. Every pip call passes -c constraints.txt (torch==2.13.0 keeps the
# CPU build; an unpinned torch pulls several GB of CUDA packages).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip
# Ray and the adb server reach beyond loopback: anything that may start them runs in a
# loopback-only network namespace when this machine can make one (root, unshare).
NETNS := $(shell unshare -n true 2>/dev/null && echo yes)
ifeq ($(NETNS),yes)
ISOLATED = unshare -n sh -c 'ip link set lo up && exec "$$0" "$$@"'
else
ISOLATED =
endif
PYTEST_ARGS ?= -n 2

.PHONY: venv browser demo test test-fast test-rllib bench lint format clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip -c constraints.txt
	$(PIP) install --quiet -c constraints.txt -e ".[agent,ray,sb3,torchrl,dev,browser]"
	touch $@

# The viewer's browser test drives Debian's chromium (apt-get as root, when missing); where it
# cannot be installed, that test skips and says what is missing.
browser:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "installing Debian's chromium for the browser test"; \
		{ apt-get install -y -qq --no-install-recommends chromium chromium-driver || \
		{ apt-get update -qq && apt-get install -y -qq --no-install-recommends \
			chromium chromium-driver; }; } >/dev/null 2>&1 || \
		echo "could not install chromium: the browser test will skip"; \
	else echo "no chromium and no root apt-get to install it: the browser test will skip"; fi

demo: venv
	$(ISOLATED) $(PY) -m android_gym demo --episodes 32
	$(ISOLATED) $(PY) -m distrl_agent.cli train --config configs/quickstart.yaml

test: venv browser
	$(ISOLATED) $(PY) -m pytest $(PYTEST_ARGS)

test-fast: venv browser
	$(ISOLATED) $(PY) -m pytest $(PYTEST_ARGS) -m "not slow"

# RLlib (ray[rllib] 2.60) pins gymnasium 1.2.2: its own venv, with Tianshou (~330 MB: numba,
# llvmlite, pandas) and TorchRL, runs the wrapper and library tests and the core env tests on
# gymnasium 1.2 (and benchmarks/library_collectors.py with every library).
RLLIB_VENV ?= .venv-rllib
RLLIB_GYMNASIUM ?= 1.2.2
# test_record_episodes reads recordings back with distrl_agent (the `agent` extra): not here.
RLLIB_TESTS ?= tests/wrappers tests/android_gym/test_env.py tests/android_gym/test_vector.py \
	--ignore=tests/wrappers/test_record_episodes.py

$(RLLIB_VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(RLLIB_VENV)
	grep -v '^gymnasium==' constraints.txt > $(RLLIB_VENV)/constraints.txt
	echo 'gymnasium==$(RLLIB_GYMNASIUM)' >> $(RLLIB_VENV)/constraints.txt
	$(RLLIB_VENV)/bin/python -m pip install --quiet --upgrade pip -c $(RLLIB_VENV)/constraints.txt
	$(RLLIB_VENV)/bin/python -m pip install --quiet -c $(RLLIB_VENV)/constraints.txt \
		-e ".[rllib,tianshou,torchrl,sb3,dev]"
	touch $@

test-rllib: $(RLLIB_VENV)/.installed
	$(ISOLATED) $(RLLIB_VENV)/bin/python -m pytest $(PYTEST_ARGS) $(RLLIB_TESTS)

bench: venv
	$(ISOLATED) sh benchmarks/run_all.sh $(PY)

lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: venv
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) $(RLLIB_VENV) build dist .pytest_cache .ruff_cache

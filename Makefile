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

.PHONY: venv browser demo test test-fast bench lint format clean

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip -c constraints.txt
	$(PIP) install --quiet -c constraints.txt -e ".[agent,ray,sb3,dev,browser]"
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

bench: venv
	$(ISOLATED) sh benchmarks/run_all.sh $(PY)

lint: venv
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

format: venv
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

clean:
	rm -rf $(VENV) build dist .pytest_cache .ruff_cache

# Two entry points, both self-installing on a fresh machine:
#   make serve   build the graph from seeds/ into data/store and serve it on http://127.0.0.1:8000
#   make test    run the test suite (installs Debian's chromium for the browser test when missing)
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: serve build test lint bench clean cjk-font

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

build: $(VENV)/.installed
	$(BIN)/silkgraph build

serve: build cjk-font
	$(BIN)/silkgraph serve --host $(HOST) --port $(PORT)

/usr/bin/chromedriver:
	@if [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
	  || echo "chromium could not be installed; the browser test will be skipped"; \
	else echo "not root: install Debian's chromium and chromium-driver for the browser test"; fi

# Chinese labels in the notebooks' figures need a CJK font (WenQuanYi Zen Hei: small, complete).
cjk-font:
	@if command -v fc-list >/dev/null && [ -n "$$(fc-list :lang=zh)" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fontconfig fonts-wqy-zenhei >/dev/null) \
	  || echo "no CJK font could be installed; the notebook tests will fail naming the package"; \
	else echo "not root: install Debian's fonts-noto-cjk or fonts-wqy-zenhei for Chinese labels in figures"; fi

test: $(VENV)/.installed /usr/bin/chromedriver cjk-font
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check .

bench: $(VENV)/.installed
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) data build *.egg-info

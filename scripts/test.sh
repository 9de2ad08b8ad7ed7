#!/usr/bin/env bash
# Install what the tests need (skipping what is already there), run ruff, then the whole
# pytest suite (doctests included through pyproject's addopts).
#
#   bash scripts/test.sh                       # everything
#   bash scripts/test.sh tests/io -x -q        # extra arguments go to pytest
#
# Environment: PYTHON (interpreter for the venv, default python3), TEST_TIMEOUT (seconds
# for pytest, default 2700), CI=true (browser tests fail instead of skipping without Chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {  # as root on Debian: install packages, quietly
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >/dev/null && apt-get install -y -q "$@" >/dev/null
}
can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

# Debian's Chromium for the real-browser tests (Playwright never downloads a browser here)
if [ ! -x /usr/bin/chromium ]; then
  if can_apt; then
    apt_install chromium
  else
    echo "scripts/test.sh: /usr/bin/chromium is missing (run as root to install it);" \
      "browser tests will be skipped" >&2
  fi
fi

# LibreOffice (Impress and Calc) to open the generated reports headless
if ! command -v soffice >/dev/null; then
  if can_apt; then
    apt_install --no-install-recommends libreoffice-impress libreoffice-calc
  else
    echo "scripts/test.sh: soffice is missing (run as root to install it);" \
      "LibreOffice report tests will be skipped" >&2
  fi
fi

# the virtualenv, reinstalled only when pyproject.toml changed since the last install
if [ ! -x .venv/bin/python ]; then
  python="${PYTHON:-python3}"
  if ! "$python" -c "import ensurepip, venv" 2>/dev/null && can_apt; then
    apt_install python3-venv  # Debian's own python3 comes without ensurepip
  fi
  "$python" -m venv .venv
fi
stamp=".venv/.orgmodel-dev-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -e "$stamp" ]; then
  .venv/bin/python -m pip install -q -e ".[dev]"
  rm -f .venv/.orgmodel-*
  touch "$stamp"
fi

# both always run (a lint error does not hide test results); either failing fails the script
echo "== ruff check" >&2
lint=0
.venv/bin/ruff check . || lint=$?
echo "== pytest $*" >&2
tests=0
PATH="$PWD/.venv/bin:$PATH" timeout -k 30 "${TEST_TIMEOUT:-2700}" \
  .venv/bin/python -m pytest "$@" || tests=$?
[ "$lint" = 0 ] || echo "scripts/test.sh: ruff check failed (see above)" >&2
[ "$tests" = 124 ] && echo "scripts/test.sh: pytest timed out after ${TEST_TIMEOUT:-2700}s" >&2
exit $((tests != 0 ? tests : lint))

#!/usr/bin/env bash
# Install what is needed (skipping what is already there) and open JupyterLab on notebooks/.
#
#   bash scripts/lab.sh                  # http://127.0.0.1:8888/lab (this machine only)
#   bash scripts/lab.sh --public         # listen on 0.0.0.0 (or LAB_IP=0.0.0.0), e.g. in a VM
#   LAB_PORT=9999 bash scripts/lab.sh    # another port; further arguments go to `jupyter lab`
set -euo pipefail
cd "$(dirname "$0")/.."
ip="${LAB_IP:-127.0.0.1}"
port="${LAB_PORT:-8888}"
if [ "${1:-}" = "--public" ]; then ip=0.0.0.0; shift; fi

[ -x .venv/bin/python ] || "${PYTHON:-python3}" -m venv .venv
stamp=".venv/.orgmodel-lab-$(sha256sum pyproject.toml | cut -c1-16)"
if [ ! -e "$stamp" ] && [ ! -e "${stamp/-lab-/-dev-}" ]; then
  .venv/bin/python -m pip install -q -e ".[widgets]"
  touch "$stamp"
fi

mkdir -p notebooks
args=(--no-browser "--ServerApp.ip=$ip" "--ServerApp.port=$port" "--ServerApp.root_dir=$PWD/notebooks")
[ "$(id -u)" = 0 ] && args+=(--allow-root)
echo "JupyterLab on http://$ip:$port/lab - open the address with ?token=... printed below" >&2
exec .venv/bin/jupyter lab "${args[@]}" "$@"

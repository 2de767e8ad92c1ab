#!/usr/bin/env bash
# Set up a Debian/Ubuntu machine for usfk-argmap: system packages, then a virtualenv in .venv.
# Usage: scripts/setup.sh [demo|test]   (test adds what the test suite needs: chromium, poppler...)
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${1:-demo}"
packages=(graphviz fonts-noto-cjk)
if [ "$profile" = test ]; then
  packages+=(chromium poppler-utils fonts-dejavu-core)
fi

missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python="${PYTHON:-python3}"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
  echo "setup: usfk-argmap needs Python 3.11 or newer ($("$python" --version 2>&1) found); set PYTHON=python3.11" >&2
  exit 2
}
if [ ! -x .venv/bin/python ]; then
  if ! "$python" -m venv .venv 2>/dev/null; then
    rm -rf .venv
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get install -y -qq python3-venv >/dev/null
    "$python" -m venv .venv
  fi
fi
extras=""
[ "$profile" = test ] && extras="[test]"
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
.venv/bin/python -m pip install -q -e ".$extras"

# The client programs the test suite runs our outputs through (Argdown CLI, Mermaid CLI), installed
# project-locally from clients/package-lock.json; again only when the lock file changed. Mermaid's
# puppeteer must not download a browser: the tests point it at Debian's chromium.
if [ "$profile" = test ]; then
  stamp=clients/node_modules/.installed-lock.sha256
  wanted="$(sha256sum clients/package-lock.json | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$wanted" ]; then
    command -v npm >/dev/null || { echo "setup: npm is missing (Node.js 20 and npm are needed for the client tests)" >&2; exit 2; }
    echo "setup: installing the client programs (npm ci --prefix clients)" >&2
    PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix clients --no-audit --no-fund --loglevel=error >/dev/null
    echo "$wanted" >"$stamp"
  fi
fi

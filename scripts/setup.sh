#!/usr/bin/env bash
# Set up a Debian/Ubuntu machine for usfk-argmap: system packages, a virtualenv in .venv and, for
# the tests, the npm clients in clients/. Each part is skipped when nothing it depends on changed,
# so a second run takes well under a second.
# Usage: scripts/setup.sh [demo|test]   (test adds what the test suite and the real clients need)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

profile="${1:-demo}"
case "$profile" in
  demo | test) ;;
  *) echo "usage: scripts/setup.sh [demo|test]" >&2; exit 2 ;;
esac

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

apt_install() {
  echo "setup: apt-get install $*" >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

# --- System packages: the list is scripts/system-packages.txt (the provenance test reads it too).
# Prints the packages of the profile (test includes demo), leaving out "if-missing:COMMAND" ones
# whose command is already on PATH.
wanted_system_packages() {
  local line fields
  while IFS= read -r line; do
    line="${line%%#*}"
    read -ra fields <<<"$line"
    [ "${#fields[@]}" -ge 2 ] || continue
    [ "${fields[0]}" = demo ] || [ "$profile" = test ] || continue
    if [ "${#fields[@]}" -ge 3 ] && [ "${fields[2]#if-missing:}" != "${fields[2]}" ]; then
      command -v "${fields[2]#if-missing:}" >/dev/null 2>&1 && continue
    fi
    echo "${fields[1]}"
  done <scripts/system-packages.txt
}

install_system_packages() {
  local packages missing package installed
  mapfile -t packages < <(wanted_system_packages)
  # One dpkg-query for all of them ("ii" = installed); unknown packages only print to stderr.
  installed="$(dpkg-query -W -f='${Package} ${db:Status-Abbrev}\n' "${packages[@]}" 2>/dev/null || true)"
  missing=()
  for package in "${packages[@]}"; do
    grep -q "^$package ii" <<<"$installed" || missing+=("$package")
  done
  [ "${#missing[@]}" -gt 0 ] || return 0
  echo "setup: installing ${missing[*]} (a first run on a fresh machine downloads about 1 GB for the test profile)" >&2
  $sudo apt-get update -qq
  apt_install "${missing[@]}"
}

# --- Python: a virtualenv in .venv with the package installed editable. pip runs again only when
# pyproject.toml (or the profile's extras, or the Python) changed: the stamp holds their hash.
install_python() {
  local python="${PYTHON:-python3}" extras="" stamp=.venv/.setup-python stamp_value
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || {
    echo "setup: usfk-argmap needs Python 3.11 or newer ($("$python" --version 2>&1) found); set PYTHON=python3.11" >&2
    exit 2
  }
  if [ ! -x .venv/bin/python ]; then
    if ! "$python" -m venv .venv 2>/dev/null; then
      rm -rf .venv
      $sudo apt-get update -qq
      apt_install python3-venv
      "$python" -m venv .venv
    fi
    .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  fi
  [ "$profile" = test ] && extras="[test]"
  stamp_value="$(cat pyproject.toml <(echo "$extras") <(.venv/bin/python -VV) | sha256sum | cut -d' ' -f1)"
  # The test install covers the demo one.
  if [ -f "$stamp" ] && [ -x .venv/bin/usfk-argmap ]; then
    grep -qx "$stamp_value" "$stamp" && return 0
    if [ "$profile" = demo ]; then
      grep -qx "$(cat pyproject.toml <(echo "[test]") <(.venv/bin/python -VV) | sha256sum | cut -d' ' -f1)" "$stamp" && return 0
    fi
  fi
  echo "setup: pip install -e .$extras" >&2
  .venv/bin/python -m pip install -q -e ".$extras"
  echo "$stamp_value" >"$stamp"
}

# --- npm clients (test profile): the command-line programs that judge our outputs (Marp CLI...),
# installed from clients/package.json and its lock into clients/node_modules. To add a client, add
# it to clients/package.json and run `npm install` in clients/ to update package-lock.json; this
# runs `npm ci` only when the lock changed. Browsers are never downloaded: Debian's chromium is used.
install_node_clients() {
  local stamp=clients/node_modules/.setup-lock stamp_value major
  major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
  if [ "$major" -lt 18 ]; then
    echo "setup: the npm clients need Node 18 or newer ($(node --version 2>/dev/null || echo none) found)" >&2
    exit 2
  fi
  stamp_value="$(cat clients/package-lock.json <(node --version) | sha256sum | cut -d' ' -f1)"
  if [ -f "$stamp" ] && grep -qx "$stamp_value" "$stamp"; then
    return 0
  fi
  echo "setup: npm ci in clients/" >&2
  (cd clients && PUPPETEER_SKIP_DOWNLOAD=1 PUPPETEER_SKIP_CHROMIUM_DOWNLOAD=1 \
     npm ci --no-audit --no-fund --loglevel=error >/dev/null)
  echo "$stamp_value" >"$stamp"
}

main() {
  install_system_packages
  install_python
  if [ "$profile" = test ]; then
    install_node_clients
  fi
}

# Sourced (by tests/test_provenance.py, to read the package list as setup reads it): define only.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  main
fi

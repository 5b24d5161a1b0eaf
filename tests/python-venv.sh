#!/usr/bin/env bash
# Sourced by the test harnesses that need Python packages (tests/interop, tests/mail): makes DIR/.venv and installs
# DIR/requirements.txt into it, only when the venv is missing or that file changed since the last install.
# Usage: python_venv DIR  (uses the caller's `log`); sets VENV.
python_venv() {
  local dir=$1 sum
  VENV="$dir/.venv"
  sum=$(sha256sum "$dir/requirements.txt" | cut -d' ' -f1)
  if [ ! -x "$VENV/bin/python" ]; then
    log "creating the Python venv"
    python3 -m venv "$VENV"
  fi
  if [ "$(cat "$VENV/.unisson-requirements.sha256" 2>/dev/null || true)" != "$sum" ]; then
    log "pip install -r requirements.txt"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$dir/requirements.txt"
    echo "$sum" >"$VENV/.unisson-requirements.sha256"
  else
    log "Python packages: up to date"
  fi
}

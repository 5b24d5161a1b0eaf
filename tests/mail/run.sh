#!/usr/bin/env bash
# iMIP e-mail checks: `unisson send` against a real SMTP server on 127.0.0.1 (aiosmtpd with STARTTLS or implicit
# TLS and AUTH, its certificate made at test time by trustme), every captured message parsed by Python's `email` and
# `icalendar` and compared with the database, then the faults (451, 550, dropped connection, SIGKILL mid-batch), the
# secret-leak grep and the throughput of one batch. See check_send.py.
# Installs what is missing, idempotently: the venv and `pip install -r requirements.txt` only when that file changed.
# Binary: $UNISSON_BIN (default <repo>/target/debug/unisson). Exits non-zero on any failure; the last line is
# `mail: N passed, M failed`.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${UNISSON_BIN:-$ROOT/target/debug/unisson}
log() { printf '[mail] %s\n' "$*"; }

if [ ! -x "$BIN" ]; then
  echo "[mail] $BIN not found: build it first (cargo build -p unisson) or set UNISSON_BIN" >&2
  exit 1
fi

# shellcheck source=../python-venv.sh
. "$ROOT/tests/python-venv.sh"
python_venv "$HERE"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$HERE"
"$VENV/bin/python" -u check_send.py "$BIN" "$WORK"

#!/usr/bin/env bash
# Interop checks: the .ics files Unisson writes, parsed by two independent real parsers (Python icalendar and
# ical.js), compared with what the database holds, plus the core's golden files.
#
# 1. `unisson demo`, then a full `unisson export --eml` → checked;
# 2. one upcoming activity cancelled with `unisson activity cancel`, then `unisson export --changed-only` → checked
#    (CANCEL files, SEQUENCE above the REQUEST's);
# 3. one upcoming brief occurrence moved with `unisson activity move` and the next one cancelled, then a changed-only
#    export → checked (the series file's override and EXDATE, expanded by both parsers).
# Installs what is missing, idempotently: the venv and `pip install -r requirements.txt` only when that file changed,
# `npm ci` only when package-lock.json changed. Binary: $UNISSON_BIN (default <repo>/target/debug/unisson).
# Exits non-zero on any failure; the last line is `interop: N passed, M failed`.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${UNISSON_BIN:-$ROOT/target/debug/unisson}
log() { printf '[interop] %s\n' "$*"; }

if [ ! -x "$BIN" ]; then
  echo "[interop] $BIN not found: build it first (cargo build -p unisson) or set UNISSON_BIN" >&2
  exit 1
fi

VENV="$HERE/.venv"
req_sum=$(sha256sum "$HERE/requirements.txt" | cut -d' ' -f1)
if [ ! -x "$VENV/bin/python" ]; then
  log "creating the Python venv"
  python3 -m venv "$VENV"
fi
if [ "$(cat "$VENV/.unisson-requirements.sha256" 2>/dev/null || true)" != "$req_sum" ]; then
  log "pip install -r requirements.txt"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements.txt"
  echo "$req_sum" >"$VENV/.unisson-requirements.sha256"
else
  log "Python packages: up to date"
fi
lock_sum=$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$HERE/node_modules/.unisson-lock.sha256" 2>/dev/null || true)" != "$lock_sum" ]; then
  log "npm ci"
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" >"$HERE/node_modules/.unisson-lock.sha256"
else
  log "npm packages: up to date"
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/demo.sqlite"
GOLDEN="$ROOT/src-tauri/core/tests/golden"
"$BIN" demo --db "$DB" >/dev/null
"$BIN" export --db "$DB" --out "$WORK/full" --eml >"$WORK/full.json"
log "full export: $(tr -d '\n ' <"$WORK/full.json")"

passed=0
failed=0
run_checks() { # OUT_DIR GOLDEN_DIR
  local out
  for checker in "python:$VENV/bin/python $HERE/check_icalendar.py $DB $1 $2 $WORK/expected.json" \
    "node:node $HERE/check_icaljs.mjs $WORK/expected.json $1 $2"; do
    # shellcheck disable=SC2086
    out=$(${checker#*:} 2>&1) || true
    printf '%s\n' "$out" | grep -v '^FAIL' | tail -n 1 | sed 's/^/[interop] /'
    printf '%s\n' "$out" | grep '^FAIL' | head -n 20 || true
    local line
    line=$(printf '%s\n' "$out" | tail -n 1)
    if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed ]]; then
      passed=$((passed + BASH_REMATCH[1]))
      failed=$((failed + BASH_REMATCH[2]))
    else
      echo "[interop] ${checker%%:*} checker did not finish:" >&2
      printf '%s\n' "$out" | tail -n 20 >&2
      failed=$((failed + 1))
    fi
  done
}
run_checks "$WORK/full" "$GOLDEN"

# Cancel an upcoming activity that was sent, then export what changed: its CANCEL must be checked too.
victim=$("$BIN" activity list --db "$DB" | "$VENV/bin/python" -c '
import json, sys, datetime as dt
now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
rows = [a for a in json.load(sys.stdin) if a["status"] in ("planned", "confirmed") and a["start"] > now and a["kind"] != "brief"]
print(rows[0]["id"] if rows else "")')
if [ -n "$victim" ]; then
  "$BIN" activity cancel --db "$DB" --id "$victim" >/dev/null
  "$BIN" export --db "$DB" --out "$WORK/changed" --changed-only >"$WORK/changed.json"
  log "changed-only export after cancelling activity $victim: $(tr -d '\n ' <"$WORK/changed.json")"
  if grep -q '"cancels": 0' "$WORK/changed.json"; then
    echo "[interop] FAIL the cancelled activity produced no CANCEL" >&2
    failed=$((failed + 1))
  else
    passed=$((passed + 1))
  fi
  mkdir -p "$WORK/none"
  run_checks "$WORK/changed" "$WORK/none"
fi

# Move an upcoming brief occurrence to the next day, 2 h 30 later, and cancel the one after it in the same series: the
# series file must carry an override (RECURRENCE-ID) and an EXDATE, and both parsers must still see the store's briefs.
picked=$("$BIN" activity list --db "$DB" --kind brief | "$VENV/bin/python" -c '
import json, sys, datetime as dt
now = dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
by = {}
for a in json.load(sys.stdin):
    if a["status"] in ("planned", "confirmed") and a["start"] > now and a.get("seriesId"):
        by.setdefault(a["seriesId"], []).append(a)
for rows in by.values():
    rows.sort(key=lambda a: a["start"])
    for a, b in zip(rows[1:], rows[2:]):
        t = dt.datetime.fromisoformat(a["start"].replace("Z", "+00:00")) + dt.timedelta(days=1, hours=2, minutes=30)
        print(a["id"], t.strftime("%Y-%m-%dT%H:%M:%SZ"), b["id"])')
moved=""
while read -r id start other; do
  if "$BIN" activity move --db "$DB" --id "$id" --start "$start" >/dev/null 2>&1; then
    moved=$id
    "$BIN" activity cancel --db "$DB" --id "$other" >/dev/null
    break
  fi
done <<<"$picked"
if [ -n "$moved" ]; then
  mkdir -p "$WORK/none"
  "$BIN" export --db "$DB" --out "$WORK/moved" --changed-only >"$WORK/moved.json"
  log "changed-only export after moving brief $moved: $(tr -d '\n ' <"$WORK/moved.json")"
  if grep -lq '^RECURRENCE-ID' "$WORK/moved"/series/*.ics 2>/dev/null; then
    passed=$((passed + 1))
  else
    echo "[interop] FAIL the moved brief occurrence gave no RECURRENCE-ID override" >&2
    failed=$((failed + 1))
  fi
  run_checks "$WORK/moved" "$WORK/none"
else
  echo "[interop] FAIL no upcoming brief occurrence could be moved" >&2
  failed=$((failed + 1))
fi

echo "interop: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

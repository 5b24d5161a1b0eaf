#!/usr/bin/env bash
# Interop checks: the .ics files Unisson writes, parsed by three independent real parsers (Python icalendar, ical.js
# and libical, which also runs its iTIP validation as Evolution does), compared with what the database holds, plus the
# core's golden files.
#
# 1. `unisson demo`, then a full `unisson export --eml` → checked, with a minimum number of REQUEST, PUBLISH (personal
#    calendars) and series files, each kind's count on disk equal to the export summary's (read as JSON);
# 2. one upcoming activity cancelled with `unisson activity cancel`, then `unisson export --changed-only` → checked
#    (its CANCEL file, SEQUENCE above the REQUEST's); no upcoming activity to cancel is a failure;
# 3. one upcoming brief occurrence moved with `unisson activity move` and the next one cancelled, then a changed-only
#    export → checked (the series file's override and EXDATE, expanded by the three parsers).
# "Now" is $UNISSON_NOW (RFC 3339) when set, else the wall clock at the start; it is exported so that the binary (which
# reads UNISSON_NOW as its clock) and the checks agree on what is upcoming.
# Installs what is missing, idempotently: the venv and `pip install -r requirements.txt` only when that file changed,
# `npm ci` only when package-lock.json changed. libical comes from Debian (gir1.2-ical-3.0, python3-gi: .ci/setup) and
# runs under /usr/bin/python3, not the venv. Binary: $UNISSON_BIN (default <repo>/target/debug/unisson).
# Every checker's exit code counts. Exits non-zero on any failure; the last line is `interop: N passed, M failed`.
set -euo pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BIN=${UNISSON_BIN:-$ROOT/target/debug/unisson}
log() { printf '[interop] %s\n' "$*"; }

if [ ! -x "$BIN" ]; then
  echo "[interop] $BIN not found: build it first (cargo build -p unisson) or set UNISSON_BIN" >&2
  exit 1
fi

SYSTEM_PYTHON=/usr/bin/python3
if ! "$SYSTEM_PYTHON" -c 'import gi; gi.require_version("ICalGLib", "3.0"); from gi.repository import ICalGLib' 2>/dev/null; then
  echo "[interop] FAIL libical's Python binding is missing: install gir1.2-ical-3.0 and python3-gi (bash .ci/setup)" >&2
  echo "interop: 0 passed, 1 failed"
  exit 1
fi

# shellcheck source=../python-venv.sh
. "$ROOT/tests/python-venv.sh"
python_venv "$HERE"
lock_sum=$(sha256sum "$HERE/package-lock.json" | cut -d' ' -f1)
if [ "$(cat "$HERE/node_modules/.unisson-lock.sha256" 2>/dev/null || true)" != "$lock_sum" ]; then
  log "npm ci"
  (cd "$HERE" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" >"$HERE/node_modules/.unisson-lock.sha256"
else
  log "npm packages: up to date"
fi

now=$("$VENV/bin/python" -c '
import datetime as dt, sys
t = dt.datetime.fromisoformat(sys.argv[1].replace("Z", "+00:00"))
if t.tzinfo is None:
    sys.exit(f"UNISSON_NOW={sys.argv[1]} has no offset: give an RFC 3339 instant, e.g. 2027-02-27T10:00:00Z")
print(t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"))' "${UNISSON_NOW:-$(date -u +%FT%TZ)}")
export UNISSON_NOW=$now
log "now: $now"

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
DB="$WORK/demo.sqlite"
GOLDEN="$ROOT/src-tauri/core/tests/golden"
mkdir -p "$WORK/none"

passed=0
failed=0
fail() {
  echo "[interop] FAIL $*" >&2
  failed=$((failed + 1))
}
exec 3>&1 # the count line goes to the run's stdout even from inside a redirected `must`
finish() {
  echo "interop: $passed passed, $failed failed" >&3
  [ "$failed" -eq 0 ]
}
# must COMMAND...: a step the rest depends on (demo, export, cancel); if it fails, the run ends counted as failed.
must() {
  local rc=0
  "$@" || rc=$?
  if [ "$rc" -ne 0 ]; then
    fail "'${*:2:2}' exited $rc"
    finish || exit 1
  fi
}

must "$BIN" demo --db "$DB" >/dev/null
must "$BIN" export --db "$DB" --out "$WORK/full" --eml >"$WORK/full.json"
log "full export: $(tr -d '\n ' <"$WORK/full.json")"

# tally NAME COMMAND...: runs a checker that prints `FAIL …` lines and ends with `N passed, M failed`, and adds its
# counts. A non-zero exit, or no count line, is a failure even when the count says 0 failed.
tally() {
  local name=$1 out rc=0 line
  shift
  out=$("$@" 2>&1) || rc=$?
  printf '%s\n' "$out" | grep '^FAIL' | head -n 20 || true
  line=$(printf '%s\n' "$out" | tail -n 1)
  if [[ $line =~ ([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    log "$line"
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
    if [ "$rc" -ne 0 ] && [ "${BASH_REMATCH[2]}" -eq 0 ]; then
      fail "$name exited $rc although it counted no failure"
    fi
  else
    fail "$name did not finish (exit $rc):"
    printf '%s\n' "$out" | tail -n 20 >&2
  fi
}

run_checks() { # OUT_DIR GOLDEN_DIR full|changed
  tally icalendar "$VENV/bin/python" "$HERE/check_icalendar.py" "$DB" "$1" "$2" "$WORK/expected.json" "$now" "$3"
  tally ical.js node "$HERE/check_icaljs.mjs" "$WORK/expected.json" "$1" "$2"
  tally libical "$SYSTEM_PYTHON" "$HERE/check_libical.py" "$WORK/expected.json" "$1" "$2"
}

# count_files LABEL OUT_DIR SUMMARY_JSON MIN_REQUEST MIN_CANCEL MIN_PUBLISH MIN_SERIES: each kind of file is on disk as
# many times as the export's JSON summary says, and at least the minimum (a demo export that writes almost nothing must
# not pass by checking almost nothing).
count_files() {
  tally "file counts ($1)" "$VENV/bin/python" - "$@" <<'PY'
import json, pathlib, sys
label, out, summary = sys.argv[1], pathlib.Path(sys.argv[2]), json.loads(pathlib.Path(sys.argv[3]).read_text())
minimum = dict(zip(("REQUEST", "CANCEL", "PUBLISH", "series"), map(int, sys.argv[4:8])))
passed = failed = 0
def method(path):
    line = next((l for l in path.read_bytes().split(b"\r\n") if l.startswith(b"METHOD:")), b"METHOD:")
    return line[7:].decode()
found = {
    "REQUEST": sum(method(p) == "REQUEST" for p in out.glob("invites/*.ics")),
    "CANCEL": sum(method(p) == "CANCEL" for p in out.glob("invites/*.ics")),
    "PUBLISH": sum(method(p) == "PUBLISH" for p in out.glob("people/*.ics")),
    "series": sum(method(p) == "PUBLISH" for p in out.glob("series/*.ics")),
}
said = {"REQUEST": "requests", "CANCEL": "cancels", "PUBLISH": "calendars", "series": "series"}
for kind, n in found.items():
    for ok, what in (
        (summary.get(said[kind]) == n, f"{n} on disk, the summary's {said[kind]} says {summary.get(said[kind])}"),
        (n >= minimum[kind], f"{n} on disk, at least {minimum[kind]} expected"),
    ):
        passed += ok
        failed += not ok
        if not ok:
            print(f"FAIL {label}: {kind} files: {what}")
print(f"{label}: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
}

summary_field() { # SUMMARY_JSON KEY: a count from the export's JSON summary
  "$VENV/bin/python" -c 'import json, sys; v = json.load(open(sys.argv[1]))[sys.argv[2]]; assert isinstance(v, int), v; print(v)' "$1" "$2"
}

count_files "full export" "$WORK/full" "$WORK/full.json" 20 0 10 2
run_checks "$WORK/full" "$GOLDEN" full

# Cancel an upcoming activity that was sent, then export what changed: its CANCEL must be written and checked. No
# upcoming activity to cancel means the demo or the clock is wrong: a failure, not a skip.
victim=$("$BIN" activity list --db "$DB" | "$VENV/bin/python" -c '
import json, sys
now = sys.argv[1]
rows = [a for a in json.load(sys.stdin) if a["status"] in ("planned", "confirmed") and a["start"] > now and a["kind"] != "brief"]
print(rows[0]["id"] if rows else "")' "$now")
if [ -n "$victim" ]; then
  must "$BIN" activity cancel --db "$DB" --id "$victim" >/dev/null
  must "$BIN" export --db "$DB" --out "$WORK/changed" --changed-only >"$WORK/changed.json"
  log "changed-only export after cancelling activity $victim: $(tr -d '\n ' <"$WORK/changed.json")"
  if [ "$(summary_field "$WORK/changed.json" cancels)" -ge 1 ] && compgen -G "$WORK/changed/invites/*-$victim-cancel.ics" >/dev/null; then
    passed=$((passed + 1))
  else
    fail "the cancelled activity $victim produced no CANCEL file"
  fi
  count_files "after a cancellation" "$WORK/changed" "$WORK/changed.json" 0 1 0 0
  run_checks "$WORK/changed" "$WORK/none" changed
else
  fail "no upcoming planned or confirmed activity (other than a brief) to cancel at $now"
fi

# Move an upcoming brief occurrence to the next day, 2 h 30 later, and cancel the one after it in the same series: the
# series file must carry an override (RECURRENCE-ID) and an EXDATE, and the three parsers must still see the store's
# briefs.
picked=$("$BIN" activity list --db "$DB" --kind brief | "$VENV/bin/python" -c '
import json, sys, datetime as dt
now = sys.argv[1]
by = {}
for a in json.load(sys.stdin):
    if a["status"] in ("planned", "confirmed") and a["start"] > now and a.get("seriesId"):
        by.setdefault(a["seriesId"], []).append(a)
for rows in by.values():
    rows.sort(key=lambda a: a["start"])
    for a, b in zip(rows[1:], rows[2:]):
        t = dt.datetime.fromisoformat(a["start"].replace("Z", "+00:00")) + dt.timedelta(days=1, hours=2, minutes=30)
        print(a["id"], t.strftime("%Y-%m-%dT%H:%M:%SZ"), b["id"])' "$now")
moved=""
while read -r id start other; do
  [ -n "$id" ] || continue
  if "$BIN" activity move --db "$DB" --id "$id" --start "$start" >/dev/null 2>&1; then
    moved=$id
    must "$BIN" activity cancel --db "$DB" --id "$other" >/dev/null
    break
  fi
done <<<"$picked"
if [ -n "$moved" ]; then
  must "$BIN" export --db "$DB" --out "$WORK/moved" --changed-only >"$WORK/moved.json"
  log "changed-only export after moving brief $moved: $(tr -d '\n ' <"$WORK/moved.json")"
  if grep -lq '^RECURRENCE-ID' "$WORK/moved"/series/*.ics 2>/dev/null; then
    passed=$((passed + 1))
  else
    fail "the moved brief occurrence gave no RECURRENCE-ID override"
  fi
  count_files "after a brief moved" "$WORK/moved" "$WORK/moved.json" 0 0 0 1
  run_checks "$WORK/moved" "$WORK/none" changed
else
  fail "no upcoming brief occurrence could be moved"
fi

finish

#!/usr/bin/env bash
# WebDriver end-to-end tests of the real Unisson app: tauri-driver + WebKitWebDriver + WebdriverIO 9 (mocha).
#
# Usage: tests/e2e/run.sh [extra wdio arguments, e.g. --spec specs/people.e2e.js]
#
# Expects the app already built with the UI embedded (the default feature `custom-protocol`):
#   npm --prefix ui run build && cargo build -p unisson
# and tauri-driver installed (scripts/setup-debian.sh: cargo install tauri-driver --version 2.1.0 --locked).
#
# Environment (all optional):
#   UNISSON_BIN       the app (default: ${CARGO_TARGET_DIR:-<repo>/target}/debug/unisson)
#   TAURI_DRIVER      tauri-driver (default: ~/.cargo/bin/tauri-driver, else the one on PATH)
#   WEBKIT_WEBDRIVER  the native driver (default: /usr/bin/WebKitWebDriver, Debian package webkit2gtk-driver)
#   E2E_LANG          the locale the app runs in (default fr_FR.UTF-8; en_US.UTF-8 checks the English UI)
#   E2E_DBUS          auto (default): a private session bus only if one is already present, so that the test never
#                     hands over to a Unisson the user has open; none is needed otherwise (see README.md).
#                     private: always a private bus (dbus-run-session). inherit: use the environment as it is.
#   E2E_KEEP=1        keep the temporary directory (database, driver log) even when the tests pass
#
# Prints a closing line "e2e: PASSED ..." or "e2e: FAILED ..." and exits non-zero on any failure.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
self=$here/$(basename "${BASH_SOURCE[0]}")
export E2E_T0=${E2E_T0:-$(date +%s)}

fail() {
	echo "e2e: $*" >&2
	echo "e2e: FAILED (setup) after $(($(date +%s) - E2E_T0)) s"
	exit 1
}

# --- What to test and with what ---------------------------------------------------------------------------------------
bin=${UNISSON_BIN:-${CARGO_TARGET_DIR:-$repo/target}/debug/unisson}
[[ -x $bin ]] || fail "no app binary at $bin: build it first with \`npm --prefix ui run build && cargo build -p unisson\` (or set UNISSON_BIN)"
bin=$(realpath "$bin")
export UNISSON_BIN=$bin
if [[ -f $repo/ui/build/index.html && $repo/ui/build/index.html -nt $bin ]]; then
	echo "e2e: warning: ui/build is newer than $bin; the binary may embed an older UI (rebuild with cargo build -p unisson)" >&2
fi

if [[ -n ${TAURI_DRIVER:-} ]]; then
	tauri_driver=$TAURI_DRIVER
elif [[ -x $HOME/.cargo/bin/tauri-driver ]]; then
	tauri_driver=$HOME/.cargo/bin/tauri-driver
else
	tauri_driver=$(command -v tauri-driver || true)
fi
[[ -n $tauri_driver && -x $tauri_driver ]] ||
	fail "tauri-driver is missing (looked for \$TAURI_DRIVER, ~/.cargo/bin/tauri-driver, PATH): install it with \`cargo install tauri-driver --version 2.1.0 --locked\` (scripts/setup-debian.sh does)"
native_driver=${WEBKIT_WEBDRIVER:-/usr/bin/WebKitWebDriver}
[[ -x $native_driver ]] || fail "WebKitWebDriver is missing at $native_driver: apt-get install webkit2gtk-driver"
command -v node >/dev/null || fail "node is missing (Node 20 or later)"

# --- Node dependencies: npm ci only when node_modules is missing or older than the lockfile ---------------------------
cd "$here"
if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
	echo "e2e: installing the test dependencies (npm ci)"
	npm ci --no-audit --no-fund --loglevel=error || fail "npm ci failed in $here"
fi

# --- A display: Xvfb when there is none -------------------------------------------------------------------------------
if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
	[[ -z ${E2E_IN_XVFB:-} ]] || fail "still no DISPLAY under xvfb-run"
	command -v xvfb-run >/dev/null || fail "no DISPLAY and no xvfb-run: apt-get install xvfb xauth"
	E2E_IN_XVFB=1 exec xvfb-run -a -s "-screen 0 1280x800x24" "$self" "$@"
fi

# --- D-Bus: the app's single-instance plugin -------------------------------------------------------------------------
# With a session bus, a second launch hands over to a running Unisson (same identifier) and exits, and the WebDriver
# session then hangs. Without one, the plugin logs a warning and the app launches normally, which is what we want.
# So: no bus, nothing to do; a bus we did not make (a desktop session), isolate the test on a private one.
bus_present() { [[ -n ${DBUS_SESSION_BUS_ADDRESS:-} || -S ${XDG_RUNTIME_DIR:-/run/user/$(id -u)}/bus ]]; }
dbus_mode=${E2E_DBUS:-auto}
case $dbus_mode in
auto | private)
	if [[ -z ${E2E_IN_DBUS:-} ]] && { [[ $dbus_mode == private ]] || bus_present; }; then
		command -v dbus-run-session >/dev/null || fail "E2E_DBUS=$dbus_mode needs dbus-run-session: apt-get install dbus-daemon (or E2E_DBUS=inherit)"
		E2E_IN_DBUS=1 exec dbus-run-session -- "$self" "$@"
	fi
	;;
inherit) ;;
*) fail "E2E_DBUS must be auto, private or inherit, not '$dbus_mode'" ;;
esac

# --- A fresh temporary database and app directories for this run -----------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/unisson-e2e.XXXXXX")
export UNISSON_DB=$work/unisson.sqlite
export E2E_ARTIFACTS=$work
export E2E_LANG=${E2E_LANG:-fr_FR.UTF-8}
driver_pid=
status=1

stop_driver() {
	[[ -n $driver_pid ]] || return 0
	# tauri-driver runs in its own process group (setsid) with WebKitWebDriver, the app and WebKit's helpers.
	kill -TERM -- "-$driver_pid" 2>/dev/null || kill -TERM "$driver_pid" 2>/dev/null || true
	for _ in $(seq 50); do
		kill -0 -- "-$driver_pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL -- "-$driver_pid" 2>/dev/null || true
	driver_pid=
}

finish() {
	local rc=$?
	((status == 0)) || status=$((rc == 0 ? 1 : rc))
	stop_driver
	local took=$(($(date +%s) - E2E_T0))
	if ((status == 0)); then
		if [[ -n ${E2E_KEEP:-} ]]; then echo "e2e: kept $work"; else rm -rf "$work" 2>/dev/null || echo "e2e: could not remove all of $work" >&2; fi
		echo "e2e: PASSED in ${took} s"
	else
		if [[ -s $work/tauri-driver.log ]]; then
			echo "e2e: last lines of the tauri-driver/app log ($work/tauri-driver.log):" >&2
			tail -n 40 "$work/tauri-driver.log" >&2
		fi
		echo "e2e: FAILED (exit $status) after ${took} s; database and logs kept in $work"
	fi
	exit "$status"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# The app creates a database only in its own data directory; given a path (UNISSON_DB), it needs one there.
"$bin" init --db "$UNISSON_DB" >/dev/null

free_port() { node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
export E2E_DRIVER_PORT=${E2E_DRIVER_PORT:-$(free_port)}
native_port=$(free_port)
while [[ $native_port == "$E2E_DRIVER_PORT" ]]; do native_port=$(free_port); done

# --- tauri-driver, with the environment the app will inherit ---------------------------------------------------------
# XDG_* keep the window-state file and WebKit's caches out of the user's home; LANG picks the UI language.
mkdir -p "$work/config" "$work/data" "$work/cache"
env -u LC_ALL -u LC_MESSAGES -u LANGUAGE \
	LANG="$E2E_LANG" UNISSON_DB="$UNISSON_DB" \
	XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" \
	setsid "$tauri_driver" --port "$E2E_DRIVER_PORT" --native-port "$native_port" --native-driver "$native_driver" \
	>"$work/tauri-driver.log" 2>&1 &
driver_pid=$!

# Ready when its /status (answered by WebKitWebDriver behind it) says so.
E2E_DRIVER_PID=$driver_pid node -e '
	const url = `http://127.0.0.1:${process.env.E2E_DRIVER_PORT}/status`;
	const deadline = Date.now() + 20000;
	(async () => {
		for (;;) {
			try { process.kill(Number(process.env.E2E_DRIVER_PID), 0); } catch { console.error("e2e: tauri-driver exited at start"); process.exit(1); }
			try { const r = await fetch(url); if (r.ok && (await r.json()).value?.ready) process.exit(0); } catch {}
			if (Date.now() > deadline) { console.error(`e2e: tauri-driver not ready at ${url} after 20 s`); process.exit(1); }
			await new Promise((r) => setTimeout(r, 100));
		}
	})();' || exit 1

echo "e2e: app $bin, database $UNISSON_DB, LANG=$E2E_LANG, tauri-driver :$E2E_DRIVER_PORT, display ${DISPLAY:-$WAYLAND_DISPLAY}, D-Bus ${DBUS_SESSION_BUS_ADDRESS:-none}"
set +e
./node_modules/.bin/wdio run ./wdio.conf.js "$@"
status=$?
set -e
exit "$status"

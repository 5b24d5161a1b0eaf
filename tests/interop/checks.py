"""What the Python checkers share (check_icalendar.py under the venv, check_libical.py under Debian's python3): the
pass/fail tally, its closing line `NAME: N passed, M failed` that run.sh reads, and the exit code that goes with it."""

import sys

PASSED = 0
FAILED = 0


def check(ok, what):
    """Counts one property; prints `FAIL what` when it does not hold."""
    global PASSED, FAILED
    if ok:
        PASSED += 1
    else:
        FAILED += 1
        print(f"FAIL {what}")


def finish(name):
    """Prints the count line and exits 1 if anything failed."""
    print(f"{name}: {PASSED} passed, {FAILED} failed")
    sys.exit(1 if FAILED else 0)

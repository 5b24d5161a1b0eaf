#!/usr/bin/env python3
"""`unisson send` against a real SMTP server on 127.0.0.1 (aiosmtpd, STARTTLS or implicit TLS, AUTH, a certificate
made at test time), every captured message checked by independent parsers (Python `email` + `icalendar`) against the
database, then the faults: 451 to the third message, 550 for one address, a dropped connection, SIGKILL mid-batch.

Usage: check_send.py BIN WORKDIR. The clock is fixed with UNISSON_NOW (default below) so the demo and the plan do
not depend on today's date. Prints `FAIL …` lines, the figures, and last `mail: N passed, M failed`.
"""
import email
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from email import policy

import icalendar

from smtp_server import Server

BIN, WORK = sys.argv[1], sys.argv[2]
NOW = os.environ.get("UNISSON_NOW") or "2027-06-14T08:00:00Z"
USER = "planificateur@exemple-unisson.fr"
SENDER = "rh-planning@exemple-unisson.fr"
PASSWORD = "pw-" + secrets.token_hex(16)
OUTPUTS = []  # every stdout/stderr of the binary, for the secret-leak check
passed = failed = 0


def check(ok, why):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"FAIL {why}", flush=True)
    return ok


def run(*args, password=PASSWORD, check_rc=True):
    env = dict(os.environ, UNISSON_NOW=NOW, UNISSON_SMTP_PASSWORD=password)
    p = subprocess.run([BIN, *args], env=env, capture_output=True, text=True, timeout=600)
    OUTPUTS.append(p.stdout + p.stderr)
    if check_rc and p.returncode != 0:
        raise SystemExit(f"FAIL {' '.join(args)} exited {p.returncode}: {p.stderr.strip()}")
    return p


def fresh_db(name, people=120):
    db = f"{WORK}/{name}.sqlite"
    run("demo", "--db", db, "--people", str(people))
    return db


def send(db, server, *extra, password=PASSWORD):
    p = run("send", "--db", db, "--smtp", server.url(USER), "--ca-file", server.ca_path, "--sender", SENDER,
            *extra, password=password)
    return json.loads(p.stdout)


def calendar_part(msg):
    """(the text/calendar part of the alternative, the invite.ics attachment)."""
    cal = att = None
    for part in msg.walk():
        if part.get_content_type() == "text/calendar":
            cal = part
        if part.get_filename() == "invite.ics":
            att = part
    return cal, att


def check_message(con, raw, rcpts, seen):
    """One captured message against the database; returns its key (uid, sequence, method, recipient)."""
    msg = email.message_from_bytes(raw, policy=policy.default)
    check(len(rcpts) == 1, f"one recipient per message, got {rcpts}")
    rcpt = rcpts[0].lower()
    check(msg.get_content_type() == "multipart/mixed", f"top part is multipart/mixed, got {msg.get_content_type()}")
    types = [p.get_content_type() for p in msg.walk()]
    for t in ("multipart/alternative", "text/plain", "text/html", "text/calendar"):
        check(t in types, f"{t} is in the message to {rcpt} ({types})")
    to = [a.addr_spec.lower() for a in msg["To"].addresses]
    check(to == [rcpt], f"To is the envelope recipient: {to} vs {rcpt}")
    sender = msg["From"].addresses[0].addr_spec.lower()
    check(sender == SENDER, f"From is the sender: {sender}")
    mid = msg["Message-ID"]
    check(mid not in seen, f"Message-ID {mid} delivered once")
    seen.add(mid)
    cal, att = calendar_part(msg)
    if not check(cal is not None and att is not None, f"calendar part and invite.ics attachment for {rcpt}"):
        return None
    ics = cal.get_content()
    ics = ics if isinstance(ics, bytes) else ics.encode()
    att_bytes = att.get_payload(decode=True)
    check(att_bytes == ics, "the invite.ics attachment is the same calendar as the text/calendar part")
    c = icalendar.Calendar.from_ical(ics)
    method = str(c["METHOD"])
    check(cal.get_param("method") == method, f"Content-Type method {cal.get_param('method')} equals METHOD {method}")
    check(cal.get_content_charset() == "utf-8", "the calendar part is charset=UTF-8")
    ev = [e for e in c.walk("VEVENT")][0]
    uid, seq = str(ev["UID"]), int(ev.get("SEQUENCE", 0))
    org = str(ev.get("ORGANIZER", "")).lower().removeprefix("mailto:")
    if method != "PUBLISH":
        check(org == SENDER, f"ORGANIZER {org} equals the sender")
    attendees = [str(a).lower().removeprefix("mailto:") for a in (
        ev.get("ATTENDEE") if isinstance(ev.get("ATTENDEE"), list) else [ev["ATTENDEE"]] if "ATTENDEE" in ev else [])]
    act = con.execute("SELECT id, status FROM activities WHERE uid = ?", (uid,)).fetchone()
    if method in ("REQUEST", "CANCEL"):
        if not check(act is not None, f"UID {uid} is an activity"):
            return None
        check(rcpt in attendees, f"recipient {rcpt} is an ATTENDEE of {uid} ({method})")
        log = con.execute(
            "SELECT l.sequence, l.method FROM invite_log l JOIN people p ON p.id = l.person_id "
            "WHERE l.activity_id = ? AND lower(p.email) = ?", (act[0], rcpt)).fetchone()
        check(log is not None and log[0] >= seq,
              f"the invite log of {rcpt} for activity {act[0]} reached the SEQUENCE sent: {log} vs {seq}")
        if method == "REQUEST":
            want = {r[0].lower() for r in con.execute(
                "SELECT pe.email FROM participations p JOIN people pe ON pe.id = p.person_id "
                "WHERE p.activity_id = ? AND p.status NOT IN ('waitlisted', 'cancelled') "
                "AND pe.email NOT LIKE '%.invalid'", (act[0],))}
            check(set(attendees) == want, f"ATTENDEEs of {uid} match the participants: {sorted(attendees)} vs {sorted(want)}")
    else:
        team = con.execute("SELECT team FROM series WHERE uid = ?", (uid,)).fetchone()
        if check(team is not None, f"PUBLISH UID {uid} is a brief series"):
            member = con.execute("SELECT 1 FROM people WHERE lower(email) = ? AND team = ?", (rcpt, team[0])).fetchone()
            check(member is not None, f"series calendar recipient {rcpt} is in team {team[0]}")
    return (uid, seq, method, rcpt)


def check_batch(db, server, start, label):
    """Checks the messages captured since `start`; returns their keys."""
    con = sqlite3.connect(db)
    seen, keys = set(), []
    for _from, rcpts, raw in server.capture.messages[start:]:
        k = check_message(con, raw, rcpts, seen)
        if k:
            keys.append(k)
    dup = [k for k, n in Counter(keys).items() if n > 1]
    check(not dup, f"{label}: no invite delivered twice ({dup[:3]})")
    left = con.execute("SELECT count(*) FROM outbox WHERE status = 'queued'").fetchone()[0]
    check(left == 0, f"{label}: nothing left queued ({left})")
    con.close()
    return keys


def sent_rows(db):
    con = sqlite3.connect(db)
    n = con.execute("SELECT count(*) FROM outbox WHERE status = 'sent'").fetchone()[0]
    con.close()
    return n


def scenario_main(server):
    db = fresh_db("main")
    dry = json.loads(run("send", "--db", db, "--dry-run", "--sender", SENDER).stdout)
    planned = len(dry["messages"])
    check(planned > 50, f"the demo quarter plans messages ({planned})")
    con = sqlite3.connect(db)
    check(con.execute("SELECT count(*) FROM outbox").fetchone()[0] == 0, "a dry run queues nothing")
    check(con.execute("SELECT count(*) FROM audit WHERE entity = 'invites'").fetchone()[0] == 0,
          "a dry run audits nothing")
    check(con.execute("SELECT count(*) FROM invite_log").fetchone()[0] == 0, "a dry run logs nothing")
    con.close()
    start = len(server.capture.messages)
    s = send(db, server)
    check(s["sent"] == planned and not s["failed"] and s["retrying"] == 0,
          f"every planned message is sent: {planned} planned, summary {s}")
    keys = check_batch(db, server, start, "first send")
    check(len(keys) == planned, f"the server got {len(keys)} of {planned} messages")
    check(sent_rows(db) == planned, "one sent outbox row per message")
    methods = Counter(k[2] for k in keys)
    print(f"first send: {planned} messages {dict(methods)}, {len(server.capture.sessions)} SMTP session(s)")
    again = send(db, server)
    check(again["sent"] == 0 and len(server.capture.messages) == start + planned,
          f"a second send with nothing changed sends nothing: {again}")
    # Move an upcoming activity by a day: the same UID again, with a higher SEQUENCE, to its attendees.
    con = sqlite3.connect(db)
    row = con.execute(
        "SELECT a.id, a.uid, a.start_at FROM activities a WHERE a.status IN ('planned', 'confirmed') "
        "AND a.kind = 'shadowing' AND a.start_at > ? AND EXISTS (SELECT 1 FROM invite_log l WHERE l.activity_id = a.id) "
        "ORDER BY a.start_at LIMIT 1", (NOW,)).fetchone()
    con.close()
    if not check(row is not None, "an upcoming shadowing day that was sent"):
        return
    aid, uid, start_at = row
    old = {k[3]: k[1] for k in keys if k[0] == uid}
    moved = False
    for days in range(1, 15):
        t = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(
            time.mktime(time.strptime(start_at, "%Y-%m-%dT%H:%M:%SZ")) - time.timezone + days * 86400))
        if run("activity", "move", "--db", db, "--id", str(aid), "--start", t, check_rc=False).returncode == 0:
            moved = True
            break
    if not check(moved, f"activity {aid} could be moved"):
        return
    mark = len(server.capture.messages)
    s = send(db, server)
    got = check_batch(db, server, mark, "after the move")
    mine = {k[3]: k for k in got if k[0] == uid}
    check(set(mine) == set(old), f"the moved activity's attendees get it again: {sorted(mine)} vs {sorted(old)}")
    check(all(mine[r][1] > old[r] and mine[r][2] == "REQUEST" for r in mine),
          "after a move the same UID comes again as a REQUEST with a higher SEQUENCE")
    mark = len(server.capture.messages)
    run("activity", "cancel", "--db", db, "--id", str(aid))
    s = send(db, server)
    got = check_batch(db, server, mark, "after the cancellation")
    cancels = [k for k in got if k[0] == uid]
    check(cancels and all(k[2] == "CANCEL" for k in cancels) and {k[3] for k in cancels} == set(old),
          f"a cancellation is a CANCEL to everyone who had it: {cancels}")
    check(all(k[1] > mine[k[3]][1] for k in cancels if k[3] in mine), "the CANCEL's SEQUENCE is above the REQUEST's")


def scenario_fault(server, name, arm):
    """A fresh demo, the fault armed by `arm` (which returns the addresses that must fail), one send, the checks."""
    db = fresh_db(name)
    planned = len(json.loads(run("send", "--db", db, "--dry-run", "--sender", SENDER).stdout)["messages"])
    expect_failed = arm(server, db)
    start = len(server.capture.messages)
    sessions = len(server.capture.sessions)
    t0 = time.monotonic()
    s = send(db, server)
    elapsed = time.monotonic() - t0
    keys = check_batch(db, server, start, name)
    failed_emails = sorted(f["email"].lower() for f in s["failed"])
    want_failed = sorted(expect_failed or [])
    check(failed_emails == want_failed, f"{name}: failed {failed_emails}, expected {want_failed}")
    check(all(("550" in f["reason"]) for f in s["failed"]), f"{name}: the failure keeps the server's reason: {s['failed']}")
    check(s["sent"] + len(s["failed"]) == planned and s["retrying"] == 0,
          f"{name}: every message sent once or reported failed ({planned} planned): {s}")
    check(len(keys) == s["sent"], f"{name}: the server holds exactly the {s['sent']} sent messages ({len(keys)})")
    con = sqlite3.connect(db)
    rows = dict(con.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall())
    reply = con.execute("SELECT reply FROM outbox WHERE status = 'failed'").fetchall()
    logged_failed = con.execute(
        "SELECT count(*) FROM outbox o JOIN invite_log l ON l.activity_id = o.activity_id AND l.person_id = o.person_id "
        "WHERE o.status = 'failed'").fetchone()[0]
    con.close()
    check(rows.get("sent", 0) == s["sent"] and rows.get("failed", 0) == len(want_failed),
          f"{name}: outbox rows match the summary: {rows}")
    check(all("550" in r[0] for r in reply), f"{name}: the failed rows keep the server's reply: {reply}")
    check(logged_failed == 0, f"{name}: the invite log does not move for a failed message")
    print(f"fault {name}: {s['sent']} sent, {len(s['failed'])} failed, "
          f"{len(server.capture.sessions) - sessions} SMTP session(s), {elapsed:.1f} s")
    return db, keys


def temp_451(server, db):
    server.faults.temp_at = server.capture.datas + 3
    return []


def drop(server, db):
    server.faults.drop_at = server.capture.mails + 10
    return []


def reject_one(server, db):
    """550 for the address of one message in the middle of the batch (it gets only that message)."""
    dry = json.loads(run("send", "--db", db, "--dry-run", "--sender", SENDER).stdout)["messages"]
    per = Counter(m["email"].lower() for m in dry)
    email_ = next(e for e, n in per.items() if n == 1)
    server.faults.reject = {email_}
    return [email_]


def scenario_kill(server):
    db = fresh_db("kill")
    planned = len(json.loads(run("send", "--db", db, "--dry-run", "--sender", SENDER).stdout)["messages"])
    start = len(server.capture.messages)
    server.faults.hanging.clear()
    server.faults.released.clear()
    server.faults.hang_at = server.capture.datas + 25
    env = dict(os.environ, UNISSON_NOW=NOW, UNISSON_SMTP_PASSWORD=PASSWORD)
    p = subprocess.Popen([BIN, "send", "--db", db, "--smtp", server.url(USER), "--ca-file", server.ca_path,
                          "--sender", SENDER], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    check(server.faults.hanging.wait(60), "the sender reached the 25th message")
    p.kill()
    out, err = p.communicate()
    OUTPUTS.append(out.decode() + err.decode())
    server.faults.released.set()
    first = len(server.capture.messages) - start
    check(first == 24, f"24 messages went out before the kill ({first})")
    check(sent_rows(db) == first, f"the outbox knows exactly what was sent before the kill ({sent_rows(db)} vs {first})")
    s = send(db, server)
    keys = check_batch(db, server, start, "kill and resend")
    check(s["sent"] == planned - first and not s["failed"],
          f"the second run sends exactly what was not yet sent: {s['sent']} vs {planned - first}")
    check(len(keys) == planned and len(set(keys)) == planned,
          f"after the kill every message is delivered exactly once ({len(keys)} of {planned})")
    print(f"fault sigkill: {first} before the kill, {s['sent']} by the next run, {planned} planned")


def scenario_throughput(server):
    db = fresh_db("scale", people=1200)
    dry = json.loads(run("send", "--db", db, "--dry-run", "--sender", SENDER, "--to", "2099-12-31").stdout)
    planned = len(dry["messages"])
    start = len(server.capture.messages)
    sessions = len(server.capture.sessions)
    t0 = time.monotonic()
    s = send(db, server)
    elapsed = time.monotonic() - t0
    check(s["sent"] == planned, f"throughput run sends everything ({s['sent']} of {planned})")
    check(len(server.capture.messages) - start == planned, "the server got every message")
    used = len(server.capture.sessions) - sessions
    check(used == 1, f"one SMTP session for the whole batch ({used})")
    print(f"throughput: {planned} messages in {elapsed:.2f} s = {planned / elapsed:.0f} messages/s "
          f"over {used} STARTTLS+AUTH session(s)")


def scenario_secrets(server):
    db = fresh_db("secret")
    bad = run("send", "--db", db, "--smtp", server.url(USER), "--ca-file", server.ca_path, "--sender", SENDER,
              password="wrong-" + PASSWORD, check_rc=False)
    check(bad.returncode != 0 and "refused the login" in bad.stderr,
          f"a wrong password is refused with a clear message: {bad.stderr.strip()}")
    check(sent_rows(db) == 0, "nothing is queued as sent when the login fails")
    nocert = run("send", "--db", db, "--smtp", server.url(USER), "--sender", SENDER, check_rc=False)
    check(nocert.returncode != 0 and server.url(USER).split("@")[1].split(":")[0] in nocert.stderr,
          f"an unknown certificate is refused (verification on by default): {nocert.stderr.strip()}")
    plain = run("send", "--db", db, "--smtp", "smtp://mail.example.com:25", check_rc=False)
    check(plain.returncode != 0 and "loopback" in plain.stderr, f"plain text off loopback is refused: {plain.stderr}")
    send(db, server)
    run("export", "--db", db, "--out", f"{WORK}/secret-export", "--eml")
    leaks = [i for i, o in enumerate(OUTPUTS) if PASSWORD in o]
    check(not leaks, f"the password is in no output of the binary ({len(leaks)} outputs)")
    for root, _dirs, files in os.walk(WORK):
        for f in files:
            path = os.path.join(root, f)
            if os.path.islink(path):
                continue
            with open(path, "rb") as fh:
                check(PASSWORD.encode() not in fh.read(), f"the password is not in {path}")


def main():
    os.makedirs(WORK, exist_ok=True)
    server = Server(WORK, USER, PASSWORD).start()
    try:
        scenario_main(server)
        scenario_fault(server, "451-third", temp_451)
        scenario_fault(server, "dropped-connection", drop)
        scenario_fault(server, "550-one-address", reject_one)
        server.faults.reject = set()
        scenario_kill(server)
        scenario_secrets(server)
        check(server.auth.ok > 0 and server.auth.refused >= 1,
              f"AUTH ran, and refused the wrong password ({server.auth.ok} ok, {server.auth.refused} refused)")
        scenario_throughput(server)
    finally:
        server.stop()
    tls = Server(WORK, USER, PASSWORD, implicit_tls=True).start()
    try:
        db = fresh_db("smtps")
        s = send(db, tls, "--person", first_person(db))
        check(s["sent"] > 0 and len(tls.capture.messages) == s["sent"], f"implicit TLS (smtps://) delivers: {s}")
    finally:
        tls.stop()
    print(f"mail: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


def first_person(db):
    dry = json.loads(run("send", "--db", db, "--dry-run", "--sender", SENDER).stdout)["messages"]
    return dry[0]["email"]


if __name__ == "__main__":
    main()

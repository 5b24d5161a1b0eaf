"""Checks the .ics files Unisson wrote with Python `icalendar`, against what the database holds.

Usage: check_icalendar.py DB OUT_DIR GOLDEN_DIR EXPECTED_JSON NOW full|changed
Reads the SQLite database with the standard library, writes EXPECTED_JSON (the same facts, for check_icaljs.mjs and
check_libical.py), and prints one line per failure and a closing line `icalendar: N passed, M failed`; exits 1 on any
failure. NOW (RFC 3339, UTC) is the export's clock: a personal calendar holds exactly the person's activities that end
after it. With `full`, every person who has such an activity must have their calendar in OUT_DIR.
"""

import datetime as dt
import json
import pathlib
import sqlite3
import sys
from zoneinfo import ZoneInfo

import icalendar
from checks import check, finish
from dateutil.rrule import rrulestr

# Participation statuses of someone expected there (ops::invites::build::coming).
COMING = ("invited", "accepted", "tentative")
# Anonymised people get nothing (ops::privacy::ANONYMISED_DOMAIN).
ANONYMISED = "@anonymised.invalid"


def iso(t):
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def dump(db):
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    settings = {r["key"]: r["value"] for r in con.execute("SELECT key, value FROM settings")}
    acts = {}
    for r in con.execute("SELECT * FROM activities"):
        acts[r["uid"]] = {
            "id": r["id"], "kind": r["kind"], "start": r["start_at"], "end": r["end_at"], "timezone": r["timezone"],
            "allDay": bool(r["all_day"]), "status": r["status"], "sequence": r["sequence"],
            "seriesId": r["series_id"], "participants": [],
        }
    by_id = {a["id"]: a for a in acts.values()}
    for r in con.execute(
        "SELECT p.activity_id, p.person_id, p.role, p.status, pe.email, pe.team FROM participations p "
        "JOIN people pe ON pe.id = p.person_id ORDER BY p.id"
    ):
        by_id[r["activity_id"]]["participants"].append(
            {"personId": r["person_id"], "email": r["email"], "role": r["role"], "status": r["status"], "team": r["team"]}
        )
    series = {}
    for r in con.execute("SELECT * FROM series"):
        briefs = [
            {"start": a["start"], "status": a["status"]} for a in acts.values() if a["seriesId"] == r["id"]
        ]
        series[r["uid"]] = {
            "id": r["id"], "rrule": r["rrule"], "timezone": r["timezone"], "team": r["team"],
            "localStart": r["local_start"], "firstDay": r["first_day"], "exdates": json.loads(r["exdates"]),
            "briefs": briefs,
        }
    return {
        "organizer": settings.get("organizer_email", ""), "organizerName": settings.get("organizer_name", ""),
        "activities": acts, "series": series,
    }


def calendars(facts, now):
    """Person id -> the UIDs their "all my sessions" calendar must hold: the activities in the export's range (ending
    after `now`) that go on and that they come to, except the occurrences of their own team's brief series (they get
    the series file instead)."""
    team_of = {s["id"]: s["team"] for s in facts["series"].values()}
    out = {}
    for uid, a in facts["activities"].items():
        if a["status"] == "cancelled" or a["end"] <= now:
            continue
        team = team_of.get(a["seriesId"])
        for p in a["participants"]:
            if p["status"] in COMING and not p["email"].lower().endswith(ANONYMISED) and p["team"] != team:
                out.setdefault(str(p["personId"]), []).append(uid)
    return {k: sorted(v) for k, v in out.items()}


def local_date(instant_iso, zone):
    return dt.datetime.fromisoformat(instant_iso.replace("Z", "+00:00")).astimezone(ZoneInfo(zone)).date()


def raw_lines(path):
    data = path.read_bytes()
    lines = data.split(b"\r\n")
    check(lines[-1] == b"" and b"\n" not in b"".join(lines), f"{path.name}: CRLF line ends only")
    check(all(len(l) <= 75 for l in lines), f"{path.name}: no line over 75 octets")


def vtimezone_agrees(cal, ev, path):
    start = ev["DTSTART"].dt
    if not isinstance(start, dt.datetime) or start.tzinfo is None or str(start.tzinfo) == "UTC":
        return
    tzid = ev["DTSTART"].params.get("TZID")
    vtz = [t for t in cal.walk("VTIMEZONE") if str(t["TZID"]) == tzid]
    check(len(vtz) == 1, f"{path.name}: a VTIMEZONE for {tzid} is in the file")
    if vtz:
        ours = vtz[0].to_tz()
        naive = start.replace(tzinfo=None)
        check(
            naive.replace(tzinfo=ours).utcoffset() == naive.replace(tzinfo=ZoneInfo(tzid)).utcoffset(),
            f"{path.name}: the VTIMEZONE's offset at {naive} matches the tz database",
        )


def times_match(ev, a, path):
    start, end = ev["DTSTART"].dt, ev["DTEND"].dt
    if a["allDay"]:
        check(not isinstance(start, dt.datetime), f"{path.name}: an all-day item is VALUE=DATE")
        check(start == local_date(a["start"], a["timezone"]), f"{path.name}: all-day first day")
        last = dt.datetime.fromisoformat(a["end"].replace("Z", "+00:00")) - dt.timedelta(seconds=1)
        check(end == last.astimezone(ZoneInfo(a["timezone"])).date() + dt.timedelta(days=1), f"{path.name}: DTEND is exclusive")
    else:
        check(iso(start) == a["start"], f"{path.name}: DTSTART {iso(start)} == {a['start']}")
        check(iso(end) == a["end"], f"{path.name}: DTEND {iso(end)} == {a['end']}")
        tzid = ev["DTSTART"].params.get("TZID")
        check(tzid in (None, a["timezone"]), f"{path.name}: TZID {tzid} is the activity's zone")


def emails(ev):
    att = ev.get("ATTENDEE", [])
    att = att if isinstance(att, list) else [att]
    return sorted(str(x).lower().removeprefix("mailto:") for x in att)


def check_invite(path, facts):
    raw_lines(path)
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    events = cal.walk("VEVENT")
    check(len(events) == 1, f"{path.name}: one VEVENT per REQUEST/CANCEL")
    ev = events[0]
    method = str(cal["METHOD"])
    cancel = "-cancel" in path.name
    check(method == ("CANCEL" if cancel else "REQUEST"), f"{path.name}: METHOD {method}")
    a = facts["activities"].get(str(ev["UID"]))
    check(a is not None, f"{path.name}: UID is an activity's")
    if a is None:
        return
    times_match(ev, a, path)
    vtimezone_agrees(cal, ev, path)
    status = str(ev["STATUS"])
    if cancel:
        check(status == "CANCELLED", f"{path.name}: a CANCEL says CANCELLED")
    else:
        want = "TENTATIVE" if a["status"] == "proposed" else "CONFIRMED"
        check(status == want, f"{path.name}: STATUS {status} for a {a['status']} activity")
        coming = sorted(p["email"].lower() for p in a["participants"] if p["status"] not in ("cancelled", "waitlisted"))
        check(emails(ev) == coming, f"{path.name}: attendees are the participants")
        att = ev.get("ATTENDEE", [])
        for x in att if isinstance(att, list) else [att]:
            check(all(k in x.params for k in ("CN", "ROLE", "PARTSTAT", "RSVP", "CUTYPE")), f"{path.name}: ATTENDEE params")
    everyone = {p["email"].lower() for p in a["participants"]}
    check(set(emails(ev)) <= everyone, f"{path.name}: no stranger is invited")
    check(str(ev["ORGANIZER"]).lower() == "mailto:" + facts["organizer"].lower(), f"{path.name}: ORGANIZER")
    check(int(ev["SEQUENCE"]) >= a["sequence"], f"{path.name}: SEQUENCE is at least the store's")


def check_person(path, facts):
    raw_lines(path)
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    person = int(path.stem.rsplit("-", 1)[1])
    check(str(cal["METHOD"]) == "PUBLISH", f"{path.name}: a personal calendar is PUBLISH")
    got = set()
    for ev in cal.walk("VEVENT"):
        got.add(str(ev["UID"]))
        organizer_ok(ev, facts, path)
        check("ATTENDEE" not in ev, f"{path.name}: a PUBLISH has no ATTENDEE")
        a = facts["activities"].get(str(ev["UID"]))
        check(a is not None and a["status"] != "cancelled", f"{path.name}: {ev['UID']} is a live activity")
        if a:
            mine = [p for p in a["participants"] if p["personId"] == person]
            check(mine and mine[0]["status"] in ("invited", "accepted", "tentative"), f"{path.name}: the person comes")
            times_match(ev, a, path)
    want = set(facts["calendars"].get(str(person), []))
    check(got == want, f"{path.name}: holds exactly the person's upcoming activities ({len(got)} vs {len(want)} in the store)")


def organizer_ok(ev, facts, path):
    """RFC 5546 §3.2.1: exactly one ORGANIZER in every VEVENT, PUBLISH included; ours is Settings' organizer."""
    org = ev.get("ORGANIZER")
    check(org is not None and not isinstance(org, list), f"{path.name}: exactly one ORGANIZER in {ev.get('UID')}")
    if org is not None and not isinstance(org, list):
        check(str(org).lower() == "mailto:" + facts["organizer"].lower(), f"{path.name}: ORGANIZER address")
        check(str(org.params.get("CN")) == facts["organizerName"], f"{path.name}: ORGANIZER CN")


def shown(events, lo=None, hi=None, where=""):
    """The starts (UTC ISO) a recurring set shows in [lo, hi]: its rule's minus EXDATEs and overridden occurrences
    (RECURRENCE-ID), plus each override's own start. Also checks the set's shape."""
    masters = [e for e in events if "RRULE" in e and "RECURRENCE-ID" not in e]
    overrides = [e for e in events if "RECURRENCE-ID" in e]
    check(len(masters) == 1, f"{where}: one VEVENT carries the rule")
    if len(masters) != 1:
        return set()
    ev = masters[0]
    tzid = ev["DTSTART"].params.get("TZID")
    removed = set()
    ex = ev.get("EXDATE", [])
    for prop in ex if isinstance(ex, list) else [ex]:
        check(prop.params.get("TZID") == tzid, f"{where}: EXDATE has DTSTART's zone")
        removed |= {d.dt for d in prop.dts}
    for o in overrides:
        check(str(o["UID"]) == str(ev["UID"]), f"{where}: an override has the series' UID")
        check(o["RECURRENCE-ID"].params.get("TZID") == tzid, f"{where}: RECURRENCE-ID has DTSTART's zone")
        check("RRULE" not in o, f"{where}: an override does not repeat")
        removed.add(o["RECURRENCE-ID"].dt)
    rule = rrulestr(ev["RRULE"].to_ical().decode(), dtstart=ev["DTSTART"].dt)
    instances = rule.between(lo, hi, inc=True) if lo is not None else list(rule)
    got = {iso(t) for t in instances if t not in removed}
    for o in overrides:
        start = o["DTSTART"].dt
        if lo is None or lo <= start <= hi:
            got.add(iso(start))
    return got


def check_series(path, facts):
    raw_lines(path)
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    check(str(cal["METHOD"]) == "PUBLISH", f"{path.name}: a series file is PUBLISH")
    events = cal.walk("VEVENT")
    for e in events:
        organizer_ok(e, facts, path)
        check("ATTENDEE" not in e, f"{path.name}: a PUBLISH has no ATTENDEE")
    ev = next((e for e in events if "RECURRENCE-ID" not in e), None)
    check(ev is not None, f"{path.name}: the series VEVENT is there")
    if ev is None:
        return
    s = facts["series"].get(str(ev["UID"]))
    check(s is not None, f"{path.name}: UID is a series'")
    if not s:
        return
    check(ev["RRULE"].to_ical().decode() == s["rrule"], f"{path.name}: RRULE is the store's")
    tzid = ev["DTSTART"].params.get("TZID")
    check(tzid == s["timezone"], f"{path.name}: DTSTART in the series' zone")
    window_start = ev["DTSTAMP"].dt
    briefs = [b for b in s["briefs"] if b["start"] >= iso(window_start)]
    check(briefs, f"{path.name}: the store has upcoming briefs for this series (nothing to compare otherwise)")
    if not briefs:
        return
    window_end = max(dt.datetime.fromisoformat(b["start"].replace("Z", "+00:00")) for b in briefs)
    got = shown(events, window_start, window_end, path.name)
    want = {b["start"] for b in briefs if b["status"] != "cancelled"}
    check(got == want, f"{path.name}: the series' occurrences are the briefs in the store ({len(got)} vs {len(want)})")


def check_golden(path):
    raw_lines(path)
    expect = json.loads(path.with_suffix(".expect.json").read_text())
    cal = icalendar.Calendar.from_ical(path.read_bytes())
    check(str(cal["METHOD"]) == expect["method"], f"{path.name}: METHOD")
    for ev, want in zip(cal.walk("VEVENT"), expect["events"], strict=True):
        check(str(ev["SUMMARY"]) == want["summary"], f"{path.name}: SUMMARY survives")
        check(str(ev.get("DESCRIPTION", "")) == want["description"], f"{path.name}: DESCRIPTION survives")
        for key in ("DTSTART", "DTEND"):
            v = ev[key].dt
            got = iso(v) if isinstance(v, dt.datetime) else v.isoformat()
            check(got == want["start" if key == "DTSTART" else "end"], f"{path.name}: {key} {got}")
        vtimezone_agrees(cal, ev, path)
        check(str(ev["STATUS"]) == want["status"], f"{path.name}: STATUS")
        org = ev.get("ORGANIZER")
        check(org is not None and str(org) == f"mailto:{want['organizer']}", f"{path.name}: one ORGANIZER, the expected one")
        att = ev.get("ATTENDEE", [])
        att = att if isinstance(att, list) else [att]
        check([str(a).removeprefix("mailto:") for a in att] == [a["email"] for a in want["attendees"]], f"{path.name}: attendees")
        check([str(a.params.get("CN")) for a in att] == [a["name"] for a in want["attendees"]], f"{path.name}: CN names survive")
        if "recurrenceId" in want:
            check(iso(ev["RECURRENCE-ID"].dt) == want["recurrenceId"], f"{path.name}: RECURRENCE-ID")
    if "occurrences" in expect:
        got = sorted(shown(cal.walk("VEVENT"), where=path.name))
        check(got == expect["occurrences"], f"{path.name}: the set shows the expected occurrences ({len(got)})")


def main():
    db, out, golden, expected = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3]), sys.argv[4]
    now, mode = sys.argv[5], sys.argv[6]
    if mode not in ("full", "changed") or iso(dt.datetime.fromisoformat(now.replace("Z", "+00:00"))) != now:
        sys.exit(f"usage: check_icalendar.py DB OUT GOLDEN EXPECTED NOW(YYYY-MM-DDTHH:MM:SSZ) full|changed, not {now} {mode}")
    facts = dump(db)
    facts["now"] = now
    facts["calendars"] = calendars(facts, now)
    pathlib.Path(expected).write_text(json.dumps(facts, indent=1))
    for path in sorted(out.glob("**/invites/*.ics")):
        check_invite(path, facts)
    people = sorted(out.glob("**/people/*.ics"))
    for path in people:
        check_person(path, facts)
    if mode == "full":
        have = {p.stem.rsplit("-", 1)[1] for p in people}
        missing = sorted(set(facts["calendars"]) - have, key=int)
        check(not missing, f"a full export gives a calendar to everyone with an upcoming activity; missing: {missing[:10]}")
    for path in sorted(out.glob("**/series/*.ics")):
        check_series(path, facts)
    for path in sorted(golden.glob("*.ics")):
        check_golden(path)
    finish("icalendar")


if __name__ == "__main__":
    main()

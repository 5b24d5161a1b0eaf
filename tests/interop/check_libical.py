"""Checks the .ics files Unisson wrote with libical (ICalGLib 3.0 through GObject introspection), the parser and iTIP
validator of Evolution and other libical-based clients, against the facts check_icalendar.py dumped from the database.

Every file must parse without an X-LIC-ERROR and pass libical's iTIP restriction check (`ICalGLib.restriction_check`,
the RFC 5546 tables: e.g. exactly one ORGANIZER in every VEVENT of a PUBLISH). Its events must be the database's:
instants computed by libical from the file's TZID, personal calendars holding exactly the person's upcoming activities,
series expanded by libical (`foreach_recurrence`, which applies EXDATEs; RECURRENCE-ID overrides applied here) equal
to the store's briefs. A self-test first proves the validator can fail: a PUBLISH without ORGANIZER must be rejected.

Usage: /usr/bin/python3 check_libical.py EXPECTED_JSON OUT_DIR GOLDEN_DIR
Runs with Debian's python3 (packages python3-gi and gir1.2-ical-3.0), not the interop venv. Prints one line per
failure and a closing line `libical: N passed, M failed`; exits 1 on any failure.
"""

import datetime as dt
import json
import pathlib
import sys
from zoneinfo import ZoneInfo

import gi

from checks import check, finish

gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib as I  # noqa: E402

UTC = I.Timezone.get_utc_timezone()
VEVENT = I.ComponentKind.VEVENT_COMPONENT


def each(first, following, kind):
    """libical's iteration (get_first_X / get_next_X of one kind) as a list."""
    out = []
    item = first(kind)
    while item is not None:
        out.append(item)
        item = following(kind)
    return out


def events(cal):
    return each(cal.get_first_component, cal.get_next_component, VEVENT)


def props(comp, kind):
    return each(comp.get_first_property, comp.get_next_property, kind)


def lic_errors(comp):
    """The X-LIC-ERROR properties libical put anywhere in `comp` (parse errors, then iTIP ones)."""
    out = [p.get_xlicerror() for p in props(comp, I.PropertyKind.XLICERROR_PROPERTY)]
    for sub in each(comp.get_first_component, comp.get_next_component, I.ComponentKind.ANY_COMPONENT):
        out += lic_errors(sub)
    return out


def validate(text, name):
    """Parses `text` and runs libical's iTIP check; returns the VCALENDAR, or None when it does not parse."""
    cal = I.Component.new_from_string(text)
    check(cal is not None and cal.isa() == I.ComponentKind.VCALENDAR_COMPONENT, f"{name}: libical parses a VCALENDAR")
    if cal is None:
        return None
    parse_errors = lic_errors(cal)
    check(not parse_errors, f"{name}: libical parses without error: {parse_errors}")
    check(cal.get_method() != I.PropertyMethod.NONE, f"{name}: METHOD is set (iTIP needs it)")
    valid = I.restriction_check(cal)
    itip_errors = lic_errors(cal)[len(parse_errors):]
    check(valid == 1 and not itip_errors, f"{name}: passes libical's iTIP restrictions: {itip_errors}")
    return cal


def self_test():
    """The validator must reject a PUBLISH VEVENT without ORGANIZER (RFC 5546 §3.2.1) and accept it with one."""
    def publish(organizer):
        return "\r\n".join([
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Unisson//self-test//EN", "METHOD:PUBLISH", "BEGIN:VEVENT",
            "UID:self-test@unisson", "DTSTAMP:20270101T000000Z", "SEQUENCE:0", "DTSTART:20270104T080000Z",
            "DTEND:20270104T090000Z", "SUMMARY:Self-test", *organizer, "END:VEVENT", "END:VCALENDAR", "",
        ])

    bad = I.Component.new_from_string(publish([]))
    check(I.restriction_check(bad) == 0, "self-test: libical rejects a PUBLISH without ORGANIZER")
    check(any("ORGANIZER" in e for e in lic_errors(bad)), "self-test: the rejection names ORGANIZER")
    good = I.Component.new_from_string(publish(['ORGANIZER;CN="Claire Martin":mailto:claire@exemple.fr']))
    check(I.restriction_check(good) == 1 and not lic_errors(good), "self-test: the same PUBLISH with ORGANIZER passes")


def when(t):
    """An ISO day for a DATE, else the UTC instant (libical converts from the TZID, with the file's VTIMEZONE); a
    floating time (no zone, which we never write) gives a marked value no fact can equal."""
    if t.is_date():
        return f"{t.get_year():04d}-{t.get_month():02d}-{t.get_day():02d}"
    if t.get_timezone() is None and not t.is_utc():
        return "floating " + t.as_ical_string()
    u = t.clone()
    u.convert_to_zone_inplace(UTC)
    return f"{u.get_year():04d}-{u.get_month():02d}-{u.get_day():02d}T{u.get_hour():02d}:{u.get_minute():02d}:{u.get_second():02d}Z"


def recurrence_id(cal, ev):
    """RECURRENCE-ID with its zone: `get_recurrenceid` leaves the TZID unresolved, so look it up as libical does for
    DTSTART (the file's VTIMEZONE)."""
    prop = ev.get_first_property(I.PropertyKind.RECURRENCEID_PROPERTY)
    t = prop.get_recurrenceid()
    tzid = prop.get_first_parameter(I.ParameterKind.TZID_PARAMETER)
    if tzid is not None:
        zone = cal.get_timezone(tzid.get_tzid())
        if zone is not None:
            t.set_timezone(zone)
    return t


def from_iso(s):
    return dt.datetime.fromisoformat(s.replace("Z", "+00:00"))


def iso(t):
    return t.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def organizer_ok(ev, facts, name):
    orgs = props(ev, I.PropertyKind.ORGANIZER_PROPERTY)
    check(len(orgs) == 1, f"{name}: exactly one ORGANIZER per VEVENT ({len(orgs)})")
    if orgs:
        check(orgs[0].get_organizer().lower() == "mailto:" + facts["organizer"].lower(), f"{name}: ORGANIZER address")
        cn = orgs[0].get_first_parameter(I.ParameterKind.CN_PARAMETER)
        check(cn is not None and cn.get_cn() == facts["organizerName"], f"{name}: ORGANIZER CN is Settings' name")


def attendees(ev):
    return sorted(p.get_attendee().lower().removeprefix("mailto:") for p in props(ev, I.PropertyKind.ATTENDEE_PROPERTY))


def times_match(ev, a, name):
    start, end = when(ev.get_dtstart()), when(ev.get_dtend())
    if a["allDay"]:
        zone = ZoneInfo(a["timezone"])
        first = from_iso(a["start"]).astimezone(zone).date()
        last = (from_iso(a["end"]) - dt.timedelta(seconds=1)).astimezone(zone).date()
        check(start == first.isoformat(), f"{name}: all-day first day {start}")
        check(end == (last + dt.timedelta(days=1)).isoformat(), f"{name}: exclusive DTEND {end}")
    else:
        check(start == a["start"], f"{name}: DTSTART {start} == {a['start']}")
        check(end == a["end"], f"{name}: DTEND {end} == {a['end']}")


def check_invite(path, facts):
    name = path.name
    cal = validate(path.read_text(), name)
    if cal is None:
        return
    evs = events(cal)
    check(len(evs) == 1, f"{name}: one VEVENT per REQUEST/CANCEL")
    if not evs:
        return
    ev = evs[0]
    cancel = "-cancel" in name
    want = I.PropertyMethod.CANCEL if cancel else I.PropertyMethod.REQUEST
    check(cal.get_method() == want, f"{name}: METHOD")
    a = facts["activities"].get(ev.get_uid())
    check(a is not None, f"{name}: UID is an activity's")
    if a is None:
        return
    times_match(ev, a, name)
    organizer_ok(ev, facts, name)
    if cancel:
        check(ev.get_status() == I.PropertyStatus.CANCELLED, f"{name}: a CANCEL says CANCELLED")
    else:
        coming = sorted(p["email"].lower() for p in a["participants"] if p["status"] not in ("cancelled", "waitlisted"))
        check(attendees(ev) == coming, f"{name}: attendees are the participants")
    check(ev.get_sequence() >= a["sequence"], f"{name}: SEQUENCE is at least the store's")


def check_person(path, facts):
    name = path.name
    cal = validate(path.read_text(), name)
    if cal is None:
        return
    check(cal.get_method() == I.PropertyMethod.PUBLISH, f"{name}: a personal calendar is PUBLISH")
    person = path.stem.rsplit("-", 1)[1]
    got = set()
    for ev in events(cal):
        got.add(ev.get_uid())
        organizer_ok(ev, facts, name)
        check(not attendees(ev), f"{name}: a PUBLISH has no ATTENDEE")
        a = facts["activities"].get(ev.get_uid())
        check(a is not None, f"{name}: {ev.get_uid()} is an activity's")
        if a:
            times_match(ev, a, name)
    want = set(facts["calendars"].get(person, []))
    check(got == want, f"{name}: holds exactly the person's upcoming activities ({len(got)} vs {len(want)} in the store)")


def shown(cal, evs, lo, hi, name):
    """The starts (UTC ISO) a recurring set shows in [lo, hi]: libical expands the rule (EXDATEs applied), each
    overridden occurrence (RECURRENCE-ID) gives way to its override's own start."""
    masters = [e for e in evs if e.get_recurrenceid().is_null_time()]
    check(len(masters) == 1 and props(masters[0], I.PropertyKind.RRULE_PROPERTY), f"{name}: one VEVENT with the rule")
    if len(masters) != 1:
        return set()
    overrides = [e for e in evs if not e.get_recurrenceid().is_null_time()]
    removed = {when(recurrence_id(cal, o)) for o in overrides}
    starts = []

    def one(_comp, span, *_):
        starts.append(dt.datetime.fromtimestamp(span.get_start(), dt.timezone.utc))

    masters[0].foreach_recurrence(
        I.Time.new_from_timet_with_zone(int(lo.timestamp()) - 86400, 0, UTC),
        I.Time.new_from_timet_with_zone(int(hi.timestamp()) + 86400, 0, UTC),
        one,
        None,
    )
    got = {iso(t) for t in starts if lo <= t <= hi} - removed
    for o in overrides:
        start = from_iso(when(o.get_dtstart()))
        if lo <= start <= hi:
            got.add(iso(start))
    return got


def check_series(path, facts):
    name = path.name
    cal = validate(path.read_text(), name)
    if cal is None:
        return
    check(cal.get_method() == I.PropertyMethod.PUBLISH, f"{name}: a series file is PUBLISH")
    evs = events(cal)
    for ev in evs:
        organizer_ok(ev, facts, name)
        check(not attendees(ev), f"{name}: a PUBLISH has no ATTENDEE")
    master = next((e for e in evs if e.get_recurrenceid().is_null_time()), None)
    check(master is not None, f"{name}: the series VEVENT is there")
    if master is None:
        return
    s = facts["series"].get(master.get_uid())
    check(s is not None, f"{name}: UID is a series'")
    if s is None:
        return
    check(master.get_dtstart().get_tzid() == s["timezone"], f"{name}: DTSTART in the series' zone")
    lo = from_iso(when(master.get_dtstamp()))
    briefs = [b for b in s["briefs"] if b["start"] >= iso(lo)]
    check(briefs, f"{name}: the store has upcoming briefs for this series (nothing to compare otherwise)")
    if not briefs:
        return
    hi = max(from_iso(b["start"]) for b in briefs)
    got = shown(cal, evs, lo, hi, name)
    want = {b["start"] for b in briefs if b["status"] != "cancelled"}
    check(got == want, f"{name}: libical's occurrences are the briefs in the store ({len(got)} vs {len(want)})")


def check_golden(path):
    name = path.name
    expect = json.loads(path.with_suffix(".expect.json").read_text())
    cal = validate(path.read_text(), name)
    if cal is None:
        return
    check(I.Property.method_to_string(cal.get_method()) == expect["method"], f"{name}: METHOD")
    evs = events(cal)
    check(len(evs) == len(expect["events"]), f"{name}: event count")
    for ev, want in zip(evs, expect["events"]):
        check(ev.get_summary() == want["summary"], f"{name}: SUMMARY survives")
        check((ev.get_description() or "") == want["description"], f"{name}: DESCRIPTION survives")
        check(when(ev.get_dtstart()) == want["start"], f"{name}: DTSTART {when(ev.get_dtstart())}")
        check(when(ev.get_dtend()) == want["end"], f"{name}: DTEND {when(ev.get_dtend())}")
        orgs = [p.get_organizer() for p in props(ev, I.PropertyKind.ORGANIZER_PROPERTY)]
        check(orgs == [f"mailto:{want['organizer']}"], f"{name}: one ORGANIZER, the expected one: {orgs}")
        check(attendees(ev) == sorted(a["email"] for a in want["attendees"]), f"{name}: attendees")
        if "recurrenceId" in want:
            check(when(recurrence_id(cal, ev)) == want["recurrenceId"], f"{name}: RECURRENCE-ID")
    if "occurrences" in expect:
        lo, hi = from_iso(expect["events"][0]["start"]), dt.datetime(2100, 1, 1, tzinfo=dt.timezone.utc)
        got = sorted(shown(cal, evs, lo, hi, name))
        check(got == expect["occurrences"], f"{name}: libical shows the expected occurrences ({len(got)})")


def main():
    expected, out, golden = sys.argv[1], pathlib.Path(sys.argv[2]), pathlib.Path(sys.argv[3])
    facts = json.loads(pathlib.Path(expected).read_text())
    self_test()
    for path in sorted(out.glob("**/invites/*.ics")):
        check_invite(path, facts)
    for path in sorted(out.glob("**/people/*.ics")):
        check_person(path, facts)
    for path in sorted(out.glob("**/series/*.ics")):
        check_series(path, facts)
    for path in sorted(golden.glob("*.ics")):
        check_golden(path)
    finish("libical")


if __name__ == "__main__":
    main()

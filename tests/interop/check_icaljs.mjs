// Checks the .ics files Unisson wrote with ical.js, against the facts check_icalendar.py dumped from the database.
// ical.js has no time-zone database of its own: every instant below is computed from the VTIMEZONE in the file,
// so this also proves our STANDARD/DAYLIGHT rules give the right offsets.
//
// Usage: node check_icaljs.mjs EXPECTED_JSON OUT_DIR GOLDEN_DIR
// Prints one line per failure and a closing line `ical.js: N passed, M failed`.
import fs from "node:fs";
import path from "node:path";
import ICAL from "ical.js";

let passed = 0;
let failed = 0;
const check = (ok, what) => {
  if (ok) passed += 1;
  else {
    failed += 1;
    console.log(`FAIL ${what}`);
  }
};

const iso = (t) => t.toJSDate().toISOString().replace(".000Z", "Z");
const localDate = (instant, zone) =>
  new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).format(
    new Date(instant),
  );

function load(file) {
  const comp = new ICAL.Component(ICAL.parse(fs.readFileSync(file, "utf8")));
  ICAL.TimezoneService.reset();
  for (const vtz of comp.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtz));
  }
  return comp;
}

const walk = (dir) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".ics"))
        .sort()
        .map((f) => path.join(dir, f))
    : [];

function timesMatch(ev, a, name) {
  const start = ev.getFirstPropertyValue("dtstart");
  const end = ev.getFirstPropertyValue("dtend");
  if (a.allDay) {
    check(start.isDate, `${name}: all-day is VALUE=DATE`);
    check(start.toString() === localDate(a.start, a.timezone), `${name}: first day ${start}`);
    const last = new Date(new Date(a.end).getTime() - 1000);
    const endDay = new Date(`${localDate(last, a.timezone)}T00:00:00Z`);
    endDay.setUTCDate(endDay.getUTCDate() + 1);
    check(end.toString() === endDay.toISOString().slice(0, 10), `${name}: exclusive DTEND ${end}`);
  } else {
    check(iso(start) === a.start, `${name}: DTSTART ${iso(start)} == ${a.start} (from the file's VTIMEZONE)`);
    check(iso(end) === a.end, `${name}: DTEND ${iso(end)} == ${a.end}`);
    const tzid = ev.getFirstProperty("dtstart").getParameter("tzid");
    check(tzid === undefined || tzid === a.timezone, `${name}: TZID ${tzid}`);
  }
}

const emails = (ev) =>
  ev
    .getAllProperties("attendee")
    .map((p) => String(p.getFirstValue()).toLowerCase().replace(/^mailto:/, ""))
    .sort();

function checkInvite(file, facts) {
  const name = path.basename(file);
  const cal = load(file);
  const events = cal.getAllSubcomponents("vevent");
  check(events.length === 1, `${name}: one VEVENT`);
  const ev = events[0];
  const cancel = name.includes("-cancel");
  check(cal.getFirstPropertyValue("method") === (cancel ? "CANCEL" : "REQUEST"), `${name}: METHOD`);
  const a = facts.activities[ev.getFirstPropertyValue("uid")];
  check(a !== undefined, `${name}: UID is an activity's`);
  if (!a) return;
  timesMatch(ev, a, name);
  const status = ev.getFirstPropertyValue("status");
  if (cancel) check(status === "CANCELLED", `${name}: CANCEL says CANCELLED`);
  else {
    check(status === (a.status === "proposed" ? "TENTATIVE" : "CONFIRMED"), `${name}: STATUS ${status}`);
    const coming = a.participants
      .filter((p) => !["cancelled", "waitlisted"].includes(p.status))
      .map((p) => p.email.toLowerCase())
      .sort();
    check(JSON.stringify(emails(ev)) === JSON.stringify(coming), `${name}: attendees are the participants`);
    for (const p of ev.getAllProperties("attendee")) {
      check(p.getParameter("rsvp") === "TRUE" && p.getParameter("partstat") && p.getParameter("cn"), `${name}: RSVP/PARTSTAT/CN`);
    }
  }
  const organizer = String(ev.getFirstPropertyValue("organizer")).toLowerCase();
  check(organizer === `mailto:${facts.organizer.toLowerCase()}`, `${name}: ORGANIZER`);
  check(ev.getFirstPropertyValue("sequence") >= a.sequence, `${name}: SEQUENCE`);
}

// RFC 5546 §3.2.1: exactly one ORGANIZER in every VEVENT, PUBLISH included (Settings' organizer), and a PUBLISH has
// no ATTENDEE.
function publishedBy(ev, facts, name) {
  const orgs = ev.getAllProperties("organizer");
  check(orgs.length === 1, `${name}: exactly one ORGANIZER (${orgs.length})`);
  if (orgs.length === 1) {
    check(String(orgs[0].getFirstValue()).toLowerCase() === `mailto:${facts.organizer.toLowerCase()}`, `${name}: ORGANIZER`);
    check(orgs[0].getParameter("cn") === facts.organizerName, `${name}: ORGANIZER CN`);
  }
  check(!ev.hasProperty("attendee"), `${name}: a PUBLISH has no ATTENDEE`);
}

function checkPerson(file, facts) {
  const name = path.basename(file);
  const cal = load(file);
  const person = Number(name.replace(/\.ics$/, "").split("-").pop());
  check(cal.getFirstPropertyValue("method") === "PUBLISH", `${name}: PUBLISH`);
  const got = [];
  for (const ev of cal.getAllSubcomponents("vevent")) {
    got.push(ev.getFirstPropertyValue("uid"));
    publishedBy(ev, facts, name);
    const a = facts.activities[ev.getFirstPropertyValue("uid")];
    check(a && a.status !== "cancelled", `${name}: a live activity`);
    if (!a) continue;
    const mine = a.participants.find((p) => p.personId === person);
    check(mine && ["invited", "accepted", "tentative"].includes(mine.status), `${name}: the person comes`);
    timesMatch(ev, a, name);
  }
  const want = facts.calendars[String(person)] ?? [];
  check(
    JSON.stringify(got.sort()) === JSON.stringify([...want].sort()),
    `${name}: holds exactly the person's upcoming activities (${got.length} vs ${want.length} in the store)`,
  );
}

// The starts (UTC ISO) a recurring set shows up to `until` (all of them when null): ical.js expands the rule, drops
// EXDATEs, and gives each overridden occurrence (RECURRENCE-ID) its override's start. Also checks the set's shape.
function shown(events, name, from = null, until = null) {
  const masters = events.filter((e) => e.hasProperty("rrule") && !e.hasProperty("recurrence-id"));
  check(masters.length === 1, `${name}: one VEVENT carries the rule`);
  if (masters.length !== 1) return [];
  const master = new ICAL.Event(masters[0]);
  const tzid = masters[0].getFirstProperty("dtstart").getParameter("tzid");
  for (const ex of masters[0].getAllProperties("exdate")) check(ex.getParameter("tzid") === tzid, `${name}: EXDATE zone`);
  for (const o of events.filter((e) => e.hasProperty("recurrence-id"))) {
    check(o.getFirstPropertyValue("uid") === master.uid, `${name}: an override has the series' UID`);
    check(o.getFirstProperty("recurrence-id").getParameter("tzid") === tzid, `${name}: RECURRENCE-ID zone`);
    master.relateException(o);
  }
  const got = [];
  const it = master.iterator();
  for (let t = it.next(), n = 0; t && (until === null || iso(t) <= until) && n < 5000; t = it.next(), n += 1) {
    const start = iso(master.getOccurrenceDetails(t).startDate);
    if (from === null || start >= from) got.push(start);
  }
  return got.sort();
}

function checkSeries(file, facts) {
  const name = path.basename(file);
  const cal = load(file);
  check(cal.getFirstPropertyValue("method") === "PUBLISH", `${name}: PUBLISH`);
  const events = cal.getAllSubcomponents("vevent");
  for (const ev of events) publishedBy(ev, facts, name);
  const vevent = events.find((e) => !e.hasProperty("recurrence-id"));
  check(vevent !== undefined, `${name}: the series VEVENT is there`);
  if (!vevent) return;
  const s = facts.series[vevent.getFirstPropertyValue("uid")];
  check(s !== undefined, `${name}: UID is a series'`);
  if (!s) return;
  const tzid = vevent.getFirstProperty("dtstart").getParameter("tzid");
  check(tzid === s.timezone, `${name}: DTSTART zone`);
  const from = iso(vevent.getFirstPropertyValue("dtstamp"));
  const briefs = s.briefs.filter((b) => b.start >= from);
  check(briefs.length > 0, `${name}: the store has upcoming briefs for this series (nothing to compare otherwise)`);
  if (briefs.length === 0) return;
  const until = briefs.map((b) => b.start).sort().pop();
  const got = shown(events, name, from, until);
  const want = briefs.filter((b) => b.status !== "cancelled").map((b) => b.start).sort();
  check(JSON.stringify(got) === JSON.stringify(want), `${name}: occurrences (${got.length}) are the briefs (${want.length})`);
}

function checkGolden(file) {
  const name = path.basename(file);
  const expect = JSON.parse(fs.readFileSync(file.replace(/\.ics$/, ".expect.json"), "utf8"));
  const cal = load(file);
  check(cal.getFirstPropertyValue("method") === expect.method, `${name}: METHOD`);
  const events = cal.getAllSubcomponents("vevent");
  check(events.length === expect.events.length, `${name}: event count`);
  events.forEach((ev, i) => {
    const want = expect.events[i];
    check(ev.getFirstPropertyValue("summary") === want.summary, `${name}: SUMMARY survives`);
    check((ev.getFirstPropertyValue("description") ?? "") === want.description, `${name}: DESCRIPTION survives`);
    for (const [key, w] of [["dtstart", want.start], ["dtend", want.end]]) {
      const v = ev.getFirstPropertyValue(key);
      check((v.isDate ? v.toString() : iso(v)) === w, `${name}: ${key} ${v.isDate ? v : iso(v)} == ${w}`);
    }
    check(ev.getFirstPropertyValue("status") === want.status, `${name}: STATUS`);
    const orgs = ev.getAllProperties("organizer").map((p) => String(p.getFirstValue()));
    check(JSON.stringify(orgs) === JSON.stringify([`mailto:${want.organizer}`]), `${name}: one ORGANIZER, the expected one`);
    const att = ev.getAllProperties("attendee");
    check(
      JSON.stringify(att.map((p) => p.getParameter("cn"))) === JSON.stringify(want.attendees.map((a) => a.name)),
      `${name}: CN names survive (RFC 6868)`,
    );
    if (want.recurrenceId !== undefined) {
      check(iso(ev.getFirstPropertyValue("recurrence-id")) === want.recurrenceId, `${name}: RECURRENCE-ID`);
    }
  });
  if (expect.occurrences !== undefined) {
    const got = shown(events, name);
    check(JSON.stringify(got) === JSON.stringify(expect.occurrences), `${name}: the set shows the expected occurrences (${got.length})`);
  }
}

const [expected, out, golden] = process.argv.slice(2);
const facts = JSON.parse(fs.readFileSync(expected, "utf8"));
const dirs = fs.readdirSync(out).map((d) => path.join(out, d));
for (const base of [out, ...dirs]) {
  for (const f of walk(path.join(base, "invites"))) checkInvite(f, facts);
  for (const f of walk(path.join(base, "people"))) checkPerson(f, facts);
  for (const f of walk(path.join(base, "series"))) checkSeries(f, facts);
}
for (const f of walk(golden)) checkGolden(f);
console.log(`ical.js: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

"""Python icalendar writing the same events as Unisson's benchmark (src-tauri/core/benches/invites.rs): one
METHOD:REQUEST calendar per event with its VTIMEZONE (built once and reused, as Unisson caches it), organizer,
5 attendees, description, categories and a reminder. Prints `seconds=<time of the writing loop>`.
Usage: bench_icalendar.py EVENTS_JSON"""

import datetime as dt
import json
import sys
import time
from zoneinfo import ZoneInfo

from icalendar import Alarm, Calendar, Event, Timezone, vCalAddress, vText

events = json.load(open(sys.argv[1]))
paris = ZoneInfo("Europe/Paris")
vtimezone = Timezone.from_tzinfo(paris, first_date=dt.date(2024, 1, 1), last_date=dt.date(2026, 12, 31))

t0 = time.perf_counter()
total = 0
for e in events:
    cal = Calendar()
    cal.add("prodid", "-//Bench//FR")
    cal.add("version", "2.0")
    cal.add("method", "REQUEST")
    cal.add_component(vtimezone)
    ev = Event()
    start = dt.datetime.fromisoformat(e["start"]).astimezone(paris)
    ev.add("uid", e["uid"])
    ev.add("dtstamp", dt.datetime.fromisoformat(e["start"]))
    ev.add("sequence", 0)
    ev.add("dtstart", start)
    ev.add("dtend", dt.datetime.fromisoformat(e["end"]).astimezone(paris))
    ev.add("summary", e["title"])
    ev.add("location", "Paris – Siège, salle Loire")
    ev.add("description", e["description"])
    ev.add("status", "CONFIRMED")
    ev.add("categories", ["Vis ma vie", "Unisson"])
    org = vCalAddress("mailto:claire.martin@exemple-unisson.fr")
    org.params["cn"] = vText("Claire Martin")
    ev.add("organizer", org)
    for name, email in e["people"]:
        a = vCalAddress(f"mailto:{email}")
        a.params["cn"] = vText(name)
        a.params["cutype"] = vText("INDIVIDUAL")
        a.params["role"] = vText("REQ-PARTICIPANT")
        a.params["partstat"] = vText("NEEDS-ACTION")
        a.params["rsvp"] = vText("TRUE")
        ev.add("attendee", a, encode=0)
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Rappel : {e['title']} demain")
    alarm.add("trigger", dt.timedelta(days=-1))
    ev.add_component(alarm)
    cal.add_component(ev)
    total += len(cal.to_ical())
print(f"seconds={time.perf_counter() - t0:.4f}")
print(f"bytes={total}")

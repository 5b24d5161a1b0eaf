-- v6: shared objectives, debriefs (the field-to-marketing feedback loop) and privacy (anonymisation, erasure).

-- A target for a department, measured over each period of its cadence (month, quarter or year) while it is active.
-- `metric` names what is measured (validated in Rust, so new metrics need no table rebuild); `target` is a count or a
-- percentage depending on the metric.
CREATE TABLE objectives (
    id           INTEGER PRIMARY KEY,
    title        TEXT NOT NULL DEFAULT '',
    department   TEXT NOT NULL CHECK (department IN ('marketing', 'sales', 'crc', 'other')),
    metric       TEXT NOT NULL,
    target       REAL NOT NULL CHECK (target >= 0),
    cadence      TEXT NOT NULL CHECK (cadence IN ('month', 'quarter', 'year')),
    active_from  TEXT NOT NULL,
    active_to    TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    CHECK (active_to IS NULL OR active_to >= active_from)
);

-- One debrief per participant of an activity (a shadowing day's visitor and host, a training's attendees).
CREATE TABLE debriefs (
    id              INTEGER PRIMARY KEY,
    activity_id     INTEGER NOT NULL REFERENCES activities(id),
    person_id       INTEGER NOT NULL REFERENCES people(id),
    rating          INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    learned         TEXT NOT NULL DEFAULT '',
    customer_needs  TEXT NOT NULL DEFAULT '',
    offer_feedback  TEXT NOT NULL DEFAULT '',
    offer_tag       TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (activity_id, person_id)
);
CREATE INDEX debriefs_person ON debriefs(person_id);
CREATE INDEX debriefs_offer ON debriefs(offer_tag, created_at);

-- When a person's identity was replaced by a pseudonym (retention or erasure). Their row stays, so aggregates by
-- team, department and site stay right; only what identifies them is gone.
ALTER TABLE people ADD COLUMN anonymised_at TEXT;

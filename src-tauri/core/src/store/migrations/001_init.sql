-- Unisson schema v1. Shipped: never edit; add a new numbered file instead.
CREATE TABLE sites (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
    timezone    TEXT NOT NULL,
    seats       INTEGER NOT NULL DEFAULT 0 CHECK (seats >= 0),
    is_crc      INTEGER NOT NULL DEFAULT 0 CHECK (is_crc IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE people (
    id          INTEGER PRIMARY KEY,
    full_name   TEXT NOT NULL,
    email       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    department  TEXT NOT NULL CHECK (department IN ('marketing', 'sales', 'crc', 'other')),
    team        TEXT NOT NULL DEFAULT '',
    site_id     INTEGER REFERENCES sites(id),
    manager_id  INTEGER REFERENCES people(id),
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

-- person_id NULL = company holiday.
CREATE TABLE absences (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER REFERENCES people(id),
    first_day   TEXT NOT NULL,
    last_day    TEXT NOT NULL,
    reason      TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'ics')),
    created_at  TEXT NOT NULL,
    CHECK (last_day >= first_day)
);

-- A sales team's brief series; occurrences are materialised as 'brief' activities.
CREATE TABLE series (
    id                INTEGER PRIMARY KEY,
    title             TEXT NOT NULL,
    team              TEXT NOT NULL,
    site_id           INTEGER REFERENCES sites(id),
    location          TEXT NOT NULL DEFAULT '',
    rrule             TEXT NOT NULL,
    first_day         TEXT NOT NULL,
    local_start       TEXT NOT NULL,
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes > 0),
    timezone          TEXT NOT NULL,
    exdates           TEXT NOT NULL DEFAULT '[]',
    uid               TEXT NOT NULL UNIQUE,
    sequence          INTEGER NOT NULL DEFAULT 0,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL
);

CREATE TABLE activities (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('shadowing', 'training', 'brief', 'colocation')),
    title         TEXT NOT NULL,
    description   TEXT NOT NULL DEFAULT '',
    site_id       INTEGER REFERENCES sites(id),
    location      TEXT NOT NULL DEFAULT '',
    start_at      TEXT NOT NULL,
    end_at        TEXT NOT NULL,
    timezone      TEXT NOT NULL,
    all_day       INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1)),
    status        TEXT NOT NULL CHECK (status IN ('proposed', 'planned', 'confirmed', 'done', 'cancelled')),
    organizer_id  INTEGER REFERENCES people(id),
    uid           TEXT NOT NULL UNIQUE,
    sequence      INTEGER NOT NULL DEFAULT 0 CHECK (sequence >= 0),
    half_day      TEXT CHECK (half_day IN ('am', 'pm', 'full')),
    capacity      INTEGER CHECK (capacity > 0),
    series_id     INTEGER REFERENCES series(id),
    goals         TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (end_at > start_at)
);

CREATE TABLE participations (
    id           INTEGER PRIMARY KEY,
    activity_id  INTEGER NOT NULL REFERENCES activities(id),
    person_id    INTEGER NOT NULL REFERENCES people(id),
    role         TEXT NOT NULL CHECK (role IN ('visitor', 'host', 'trainer', 'attendee', 'organizer')),
    status       TEXT NOT NULL CHECK (status IN ('invited', 'accepted', 'tentative', 'declined', 'waitlisted',
                                                 'attended', 'no_show', 'excused', 'cancelled')),
    changed_at   TEXT NOT NULL,
    UNIQUE (activity_id, person_id)
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);

CREATE TABLE audit (
    id         INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor      TEXT NOT NULL,
    entity     TEXT NOT NULL,
    entity_id  INTEGER NOT NULL,
    action     TEXT NOT NULL,
    before     TEXT,
    after      TEXT
);

-- v2: lookups used by lists, clash checks and reports, and the invite log (what was last sent to whom).
CREATE INDEX people_site ON people(site_id);
CREATE INDEX people_manager ON people(manager_id);
CREATE INDEX people_team ON people(team);
CREATE INDEX absences_person_days ON absences(person_id, first_day, last_day);
CREATE INDEX activities_start ON activities(start_at);
CREATE INDEX activities_kind_start ON activities(kind, start_at);
CREATE INDEX activities_series ON activities(series_id);
CREATE INDEX participations_person ON participations(person_id, activity_id);
CREATE INDEX audit_entity ON audit(entity, entity_id);

CREATE TABLE invite_log (
    activity_id  INTEGER NOT NULL REFERENCES activities(id),
    person_id    INTEGER NOT NULL REFERENCES people(id),
    sequence     INTEGER NOT NULL,
    method       TEXT NOT NULL CHECK (method IN ('REQUEST', 'CANCEL')),
    exported_at  TEXT NOT NULL,
    PRIMARY KEY (activity_id, person_id)
);

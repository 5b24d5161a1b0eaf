-- v4: each participation carries its activity's start and end, kept in step by triggers, so "what is this person
-- doing between A and B" is one index range (person_id, start_at) instead of a walk over their whole history.
ALTER TABLE participations ADD COLUMN start_at TEXT NOT NULL DEFAULT '';
ALTER TABLE participations ADD COLUMN end_at TEXT NOT NULL DEFAULT '';
UPDATE participations
   SET start_at = (SELECT a.start_at FROM activities a WHERE a.id = participations.activity_id),
       end_at = (SELECT a.end_at FROM activities a WHERE a.id = participations.activity_id);
CREATE INDEX participations_person_start ON participations(person_id, start_at);

-- Bulk inserts fill the times themselves; the trigger covers every other insert.
CREATE TRIGGER participations_times_on_insert AFTER INSERT ON participations WHEN NEW.start_at = ''
BEGIN
    UPDATE participations
       SET start_at = (SELECT a.start_at FROM activities a WHERE a.id = NEW.activity_id),
           end_at = (SELECT a.end_at FROM activities a WHERE a.id = NEW.activity_id)
     WHERE id = NEW.id;
END;

CREATE TRIGGER participations_times_on_move AFTER UPDATE OF start_at, end_at ON activities
BEGIN
    UPDATE participations SET start_at = NEW.start_at, end_at = NEW.end_at WHERE activity_id = NEW.id;
END;

-- Who is on which activity, read by the board and calendar without touching the table rows.
CREATE INDEX participations_activity_seats ON participations(activity_id, person_id, role, status);

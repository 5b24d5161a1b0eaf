-- v7: each participation also carries its activity's kind and status, kept in step by triggers (as its times are
-- since v4), so a report reads a period's participations from one covering index range instead of joining every
-- activity of the period (half the time on years of history).
ALTER TABLE participations ADD COLUMN kind TEXT NOT NULL DEFAULT '';
ALTER TABLE participations ADD COLUMN activity_status TEXT NOT NULL DEFAULT '';
UPDATE participations
   SET kind = (SELECT a.kind FROM activities a WHERE a.id = participations.activity_id),
       activity_status = (SELECT a.status FROM activities a WHERE a.id = participations.activity_id);
CREATE INDEX participations_report ON participations(start_at, person_id, kind, role, activity_status, status);

-- Bulk inserts fill every copied column themselves; the trigger covers every other insert.
DROP TRIGGER participations_times_on_insert;
CREATE TRIGGER participations_copy_on_insert AFTER INSERT ON participations WHEN NEW.start_at = '' OR NEW.kind = ''
BEGIN
    UPDATE participations
       SET start_at = (SELECT a.start_at FROM activities a WHERE a.id = NEW.activity_id),
           end_at = (SELECT a.end_at FROM activities a WHERE a.id = NEW.activity_id),
           kind = (SELECT a.kind FROM activities a WHERE a.id = NEW.activity_id),
           activity_status = (SELECT a.status FROM activities a WHERE a.id = NEW.activity_id)
     WHERE id = NEW.id;
END;

CREATE TRIGGER participations_copy_on_status AFTER UPDATE OF kind, status ON activities
BEGIN
    UPDATE participations SET kind = NEW.kind, activity_status = NEW.status WHERE activity_id = NEW.id;
END;

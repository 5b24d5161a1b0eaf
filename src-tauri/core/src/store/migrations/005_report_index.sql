-- v5: reports read a period's activities by start with their status and kind from the index alone (no row lookups),
-- then their participations through participations_activity_seats.
CREATE INDEX activities_start_status_kind ON activities(start_at, status, kind);

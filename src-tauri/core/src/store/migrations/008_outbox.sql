-- v8: the outbox of iMIP e-mails. Each message is written here before any byte goes to the SMTP server; its status
-- then moves queued → sent, retrying (4xx, dropped connection) or failed (5xx), with the server's reply.
-- One row per (UID, SEQUENCE, METHOD, recipient): the same version of an invite is never sent twice to one address.
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    activity_id  INTEGER REFERENCES activities(id),
    person_id    INTEGER NOT NULL REFERENCES people(id),
    email        TEXT NOT NULL,
    uid          TEXT NOT NULL,
    sequence     INTEGER NOT NULL,
    method       TEXT NOT NULL CHECK (method IN ('REQUEST', 'CANCEL', 'PUBLISH')),
    message_id   TEXT NOT NULL,
    message      TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'retrying', 'failed')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    reply        TEXT,
    queued_at    TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    UNIQUE (uid, sequence, method, email)
);
CREATE INDEX outbox_status ON outbox(status);
CREATE INDEX outbox_person ON outbox(person_id);

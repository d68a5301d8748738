-- Jobs that must run once across replicas (retention and rollups, later
-- scheduled reports) take a named lock with an expiry, like host leases.
CREATE TABLE job_locks (
    name       text        PRIMARY KEY,
    holder     text        NOT NULL,
    expires_at timestamptz NOT NULL
);

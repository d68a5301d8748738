-- The capture vault: copies of llama-swap captures taken while the host still
-- held them (llama-swap keeps captures in memory only; they vanish on restart
-- or config reload). Written by perf-ingest from fleet.captures, idempotently
-- (ON CONFLICT DO NOTHING on the natural key); trimmed by age and by a
-- per-host byte cap, oldest first. Request headers arrive redacted: the
-- vault never holds a host's API key.
CREATE TABLE capture_vault (
    host_id      text        NOT NULL REFERENCES hosts (id),
    epoch        integer     NOT NULL CHECK (epoch >= 1),
    activity_id  bigint      NOT NULL CHECK (activity_id >= 0),
    finished_at  timestamptz NOT NULL,
    req_path     text        NOT NULL,
    req_headers  jsonb,
    req_body     bytea,
    resp_headers jsonb,
    resp_body    bytea,
    size_bytes   bigint      NOT NULL CHECK (size_bytes >= 0),
    stored_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (host_id, epoch, activity_id)
);

-- Retention walks each host's captures oldest first.
CREATE INDEX capture_vault_host_age ON capture_vault (host_id, finished_at);

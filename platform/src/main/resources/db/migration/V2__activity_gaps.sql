-- Live ingest (fleet-connector, perf-ingest).

-- Windows of activity rows that were probably lost before the connector could
-- fetch them (pruned by the host beyond metricsMaxInMemory, or the host
-- restarted first). Written by perf-ingest from fleet.liveness gap events;
-- replays insert nothing new.
CREATE TABLE activity_gaps (
    host_id     text        NOT NULL REFERENCES hosts (id),
    epoch       integer     NOT NULL,
    from_id     bigint      NOT NULL,
    to_id       bigint      NOT NULL CHECK (to_id >= from_id),
    reason      text        NOT NULL,
    detected_at timestamptz NOT NULL,
    PRIMARY KEY (host_id, epoch, from_id)
);

-- Median generation speed per model and bucket, beside the average.
ALTER TABLE request_rollups_5m ADD COLUMN tokens_per_second_p50 double precision;

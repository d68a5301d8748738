-- BooControl foundation schema: the host registry and the telemetry tables
-- that the ingest work fills. Rules (docs/architecture.md):
--  * every telemetry table has a natural unique key, and every writer inserts
--    with ON CONFLICT DO NOTHING (or an idempotent upsert), so replaying a
--    Kafka topic from the beginning leaves the database unchanged;
--  * activity rows are keyed by host + epoch + llama-swap activity id,
--    because llama-swap restarts its ids at 1 on every restart.

-- Hosts: upserted from hosts.yaml at service start. api_key is a secret:
-- no API ever returns it and nothing logs it.
CREATE TABLE hosts (
    id            text        PRIMARY KEY
                  CHECK (id ~ '^[a-z0-9][a-z0-9._-]{0,62}$'),
    display_name  text        NOT NULL,
    base_url      text        NOT NULL,
    api_key       text,
    enabled       boolean     NOT NULL DEFAULT true,
    kind          text        NOT NULL CHECK (kind IN ('llama-swap', 'gateway')),
    registered_at timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);

-- One row per llama-swap process lifetime seen for a host. A new epoch starts
-- when /api/hardware captured_at changes or activity ids go backwards.
CREATE TABLE host_epochs (
    host_id      text        NOT NULL REFERENCES hosts (id),
    epoch        integer     NOT NULL CHECK (epoch >= 1),
    captured_at  timestamptz,
    detected_at  timestamptz NOT NULL DEFAULT now(),
    reason       text        NOT NULL,
    PRIMARY KEY (host_id, epoch)
);

-- Completed requests (llama-swap activity rows). Token fields keep
-- llama-swap's sentinels: -1 = unknown, 0 = no usage reported at all.
CREATE TABLE request_activity (
    host_id            text             NOT NULL REFERENCES hosts (id),
    epoch              integer          NOT NULL,
    activity_id        bigint           NOT NULL CHECK (activity_id >= 0),
    finished_at        timestamptz      NOT NULL,
    model              text             NOT NULL,
    req_path           text             NOT NULL,
    resp_content_type  text,
    resp_status_code   integer          NOT NULL,
    input_tokens       integer          NOT NULL,
    output_tokens      integer          NOT NULL,
    cache_tokens       integer          NOT NULL,
    draft_tokens       integer          NOT NULL DEFAULT -1,
    draft_acc_tokens   integer          NOT NULL DEFAULT -1,
    prompt_per_second  double precision NOT NULL,
    tokens_per_second  double precision NOT NULL,
    duration_ms        bigint           NOT NULL,
    has_capture        boolean          NOT NULL DEFAULT false,
    error_msg          text,
    metadata           jsonb            NOT NULL DEFAULT '{}'::jsonb,
    -- who sent it: the X-Boo-Source header, or 'direct' when nothing says.
    source             text             NOT NULL,
    source_attribution text             NOT NULL DEFAULT 'none'
                       CHECK (source_attribution IN ('capture', 'inferred', 'none')),
    ingested_at        timestamptz      NOT NULL DEFAULT now(),
    PRIMARY KEY (host_id, epoch, activity_id),
    FOREIGN KEY (host_id, epoch) REFERENCES host_epochs (host_id, epoch)
);
CREATE INDEX request_activity_finished_idx ON request_activity (finished_at DESC);
CREATE INDEX request_activity_host_finished_idx ON request_activity (host_id, finished_at DESC);
CREATE INDEX request_activity_model_finished_idx ON request_activity (model, finished_at DESC);
CREATE INDEX request_activity_source_finished_idx ON request_activity (source, finished_at DESC);

-- Model state transitions, diffed from modelStatus snapshots by the connector.
-- observed_at is stamped once by the connector and travels in the Kafka event,
-- so a replay produces the same key.
CREATE TABLE model_events (
    host_id     text        NOT NULL REFERENCES hosts (id),
    model_id    text        NOT NULL,
    observed_at timestamptz NOT NULL,
    from_state  text,
    to_state    text        NOT NULL,
    swap        boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (host_id, model_id, observed_at, to_state)
);
CREATE INDEX model_events_observed_idx ON model_events (observed_at DESC);

-- Raw GPU samples from /api/performance (one row per GPU per sample).
CREATE TABLE gpu_samples (
    host_id       text             NOT NULL REFERENCES hosts (id),
    gpu_index     integer          NOT NULL,
    sampled_at    timestamptz      NOT NULL,
    uuid          text,
    name          text,
    temp_c        double precision,
    vram_temp_c   double precision,
    gpu_util_pct  double precision,
    mem_util_pct  double precision,
    mem_used_mb   double precision,
    mem_total_mb  double precision,
    fan_speed_pct double precision,
    power_draw_w  double precision,
    PRIMARY KEY (host_id, gpu_index, sampled_at)
);
CREATE INDEX gpu_samples_sampled_idx ON gpu_samples (sampled_at);

-- Raw system samples from /api/performance.
CREATE TABLE system_samples (
    host_id        text             NOT NULL REFERENCES hosts (id),
    sampled_at     timestamptz      NOT NULL,
    cpu_util_pct   double precision,
    cpu_util_per_core double precision[],
    mem_total_mb   double precision,
    mem_used_mb    double precision,
    mem_free_mb    double precision,
    swap_total_mb  double precision,
    swap_used_mb   double precision,
    load_avg_1     double precision,
    load_avg_5     double precision,
    load_avg_15    double precision,
    net_io         jsonb,
    PRIMARY KEY (host_id, sampled_at)
);
CREATE INDEX system_samples_sampled_idx ON system_samples (sampled_at);

-- 5-minute rollups (bucket_start is a multiple of 5 minutes in UTC),
-- recomputed from raw rows by an idempotent upsert.
CREATE TABLE gpu_rollups_5m (
    host_id          text             NOT NULL REFERENCES hosts (id),
    gpu_index        integer          NOT NULL,
    bucket_start     timestamptz      NOT NULL,
    samples          integer          NOT NULL,
    temp_c_avg       double precision,
    temp_c_max       double precision,
    gpu_util_avg     double precision,
    gpu_util_max     double precision,
    mem_used_mb_avg  double precision,
    mem_used_mb_max  double precision,
    mem_total_mb     double precision,
    power_w_avg      double precision,
    power_w_max      double precision,
    PRIMARY KEY (host_id, gpu_index, bucket_start)
);

CREATE TABLE system_rollups_5m (
    host_id          text             NOT NULL REFERENCES hosts (id),
    bucket_start     timestamptz      NOT NULL,
    samples          integer          NOT NULL,
    cpu_util_avg     double precision,
    cpu_util_max     double precision,
    mem_used_mb_avg  double precision,
    mem_used_mb_max  double precision,
    load_avg_1_avg   double precision,
    PRIMARY KEY (host_id, bucket_start)
);

CREATE TABLE request_rollups_5m (
    host_id              text             NOT NULL REFERENCES hosts (id),
    model                text             NOT NULL,
    bucket_start         timestamptz      NOT NULL,
    requests             integer          NOT NULL,
    errors               integer          NOT NULL,
    input_tokens         bigint           NOT NULL,
    output_tokens        bigint           NOT NULL,
    cache_tokens         bigint           NOT NULL,
    -- averages over rows whose speed was measured (> 0); NULL when none was
    tokens_per_second_avg double precision,
    prompt_per_second_avg double precision,
    duration_ms_avg      double precision,
    PRIMARY KEY (host_id, model, bucket_start)
);

-- Leases: one owner per host for each host-facing loop (connector, perf
-- poller). Claimed with a conditional UPDATE, kept by heartbeats, taken over
-- when expired.
CREATE TABLE host_leases (
    host_id      text        NOT NULL REFERENCES hosts (id),
    role         text        NOT NULL CHECK (role IN ('connector', 'perf-poller')),
    holder       text        NOT NULL,
    acquired_at  timestamptz NOT NULL,
    heartbeat_at timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (host_id, role)
);

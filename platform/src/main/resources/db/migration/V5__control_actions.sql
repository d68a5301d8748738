-- Control actions of action-queue (warm, unload, unload all): one row per
-- action, written when it is queued and updated at each state change, so the
-- table answers who did what to which host, when, and how it ended.
CREATE TABLE control_actions (
    id                 uuid        PRIMARY KEY,
    host_id            text        NOT NULL REFERENCES hosts (id),
    kind               text        NOT NULL CHECK (kind IN ('warm', 'unload', 'unload_all')),
    -- the model acted on; NULL for unload_all
    model              text,
    requested_by       text        NOT NULL,
    requested_at       timestamptz NOT NULL,
    started_at         timestamptz,
    finished_at        timestamptz,
    state              text        NOT NULL
                       CHECK (state IN ('queued', 'running', 'succeeded', 'failed', 'skipped', 'cancelled')),
    -- plain words: the outcome, why it was skipped, or the host's error
    reason             text,
    duration_ms        bigint,
    takeover_confirmed boolean     NOT NULL DEFAULT false,
    -- the action-queue replica whose in-memory queue holds the action
    owner              text        NOT NULL,
    CHECK ((kind = 'unload_all') = (model IS NULL))
);
CREATE INDEX control_actions_host_requested_idx ON control_actions (host_id, requested_at DESC);
CREATE INDEX control_actions_open_idx ON control_actions (owner)
    WHERE state IN ('queued', 'running');

-- Who holds a host for something that must not be disturbed (a bench run,
-- for example). action-queue's acquireHostAccess refuses a disturbing action
-- while an unexpired hold of another holder exists, unless a takeover is
-- confirmed.
CREATE TABLE host_access_holds (
    host_id     text        NOT NULL REFERENCES hosts (id),
    holder      text        NOT NULL,
    purpose     text        NOT NULL,
    acquired_at timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (host_id, holder)
);
CREATE INDEX host_access_holds_expires_idx ON host_access_holds (expires_at);

-- Cockpit operator sessions. The cookie carries a random token; only its
-- SHA-256 is stored, so a database dump holds no usable session. Shared by
-- every cockpit-api replica, so a login works whichever replica answers.
CREATE TABLE operator_sessions (
    token_hash  text        PRIMARY KEY,
    operator    text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX operator_sessions_expires_idx ON operator_sessions (expires_at);

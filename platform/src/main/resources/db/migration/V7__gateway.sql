-- The gateway (issue 7): virtual-model policies, consumer keys, and the log of every dispatch.

-- A virtual model ('auto' or 'auto:<slug>') and how it picks a real model (PolicySpec JSON,
-- dev.boocontrol.contracts.policy). Built-ins can be edited but not removed.
CREATE TABLE route_policies (
  name        text PRIMARY KEY CHECK (name ~ '^auto(:[a-z0-9][a-z0-9-]{0,31})?$'),
  description text NOT NULL DEFAULT '',
  spec        jsonb NOT NULL,
  builtin     boolean NOT NULL DEFAULT false,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  text NOT NULL DEFAULT 'system'
);

-- Gateway keys: 'boo-' and 40 random characters, shown once; only the SHA-256 is kept.
CREATE TABLE gateway_keys (
  id          bigserial PRIMARY KEY,
  consumer    text NOT NULL,
  key_hash    text NOT NULL UNIQUE,
  key_prefix  text NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now(),
  revoked_at  timestamptz
);

-- One row per client request the gateway routed: what it considered, where it went, how it ended.
CREATE TABLE dispatch_log (
  request_id      uuid PRIMARY KEY,
  started_at      timestamptz NOT NULL,
  consumer        text NOT NULL,
  endpoint        text NOT NULL,
  requested_model text NOT NULL,
  policy          text,
  candidates      jsonb NOT NULL,
  chosen_host     text,
  chosen_model    text,
  swap            boolean NOT NULL DEFAULT false,
  attempts        jsonb NOT NULL DEFAULT '[]',
  stream          boolean NOT NULL DEFAULT false,
  status          int NOT NULL,
  error           text,
  ttft_ms         double precision,
  total_ms        double precision
);
CREATE INDEX dispatch_log_policy_started ON dispatch_log (policy, started_at DESC);
CREATE INDEX dispatch_log_started ON dispatch_log (started_at DESC);

-- Must equal BuiltinPolicies (a gateway test compares them).
INSERT INTO route_policies (name, description, spec, builtin) VALUES
  ('auto', 'the best model right now: warm first, then bench quality, then latency', '{"rules":[],"candidates":["*"],"order":["warm","quality","latency"]}', true),
  ('auto:code', 'coding: coder models first (only them when the request has tools), warm, quality', '{"rules":[{"when":{"tools":true},"candidates":["*coder*","*code*"]}],"candidates":["*coder*","*code*","*"],"order":["listed","warm","quality"]}', true),
  ('auto:fast', 'lowest latency: warm first, then measured time to first token, then smaller models', '{"rules":[],"candidates":["*"],"order":["warm","latency","size"]}', true),
  ('auto:cheap', 'least GPU: the smallest model, warm when possible', '{"rules":[],"candidates":["*"],"order":["size","warm"]}', true);

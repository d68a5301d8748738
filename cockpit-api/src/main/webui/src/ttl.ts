/**
 * The TTL countdown of one model row, as llama-swap applies its TTL (spec §12): a ready model with
 * nothing in flight is unloaded once its last request ended more than `ttl` seconds ago; the clock
 * does not run while a request is served; `ttl` 0 means never. Pure (no DOM, no clock of its own),
 * so it is tested on its own (test/ttl.test.mjs).
 */
export interface TtlModel {
  state: string;
  /** When the model entered its state (ISO); the idle clock starts here if it never served a request since. */
  since: string | null;
  ttlSeconds: number | null;
  lastUsedAt: string | null;
}

/**
 * What the row shows: "" when there is nothing to count (TTL unknown or 0, model not ready),
 * "in use" while requests are in flight, else "unloads in m:ss" (h:mm:ss above an hour), and
 * "unloads soon" once the time is up (the host's 1-second ticker has not acted yet).
 */
export function ttlText(m: TtlModel, inFlight: number, nowMs: number): string {
  if (m.ttlSeconds === null || m.ttlSeconds <= 0 || m.state !== 'ready') return '';
  if (inFlight > 0) return 'in use';
  const idleSince = Math.max(parse(m.lastUsedAt), parse(m.since));
  if (!Number.isFinite(idleSince) || idleSince <= 0) return '';
  const left = m.ttlSeconds - Math.floor(Math.max(0, nowMs - idleSince) / 1000);
  return left > 0 ? `unloads in ${clock(left)}` : 'unloads soon';
}

/** 272 → "4:32"; 3725 → "1:02:05". */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

function parse(iso: string | null): number {
  if (!iso) return 0;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? 0 : t;
}

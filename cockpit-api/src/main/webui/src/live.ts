import type { CockpitFrame, DeltaFrame, GapView, HostView, InflightRequest, ModelView } from './generated/frames';

/** Connection state shown in the header. */
export type ConnState = 'connecting' | 'live' | 'reconnecting';

type Listener = (host: string | null, delta: DeltaFrame | null) => void;

/**
 * The fleet as the server last described it: a snapshot, then deltas applied in seq order. A delta
 * whose seq is not above what we hold is discarded; a gap asks the server for a fresh snapshot.
 * The state changes only from frames (no local guesses), so every browser shows the same truth.
 */
export class LiveFleet {
  readonly hosts = new Map<string, HostView>();
  /** When a model last came in by a swap (another model made way for it), by "host/model". */
  readonly swaps = new Map<string, number>();
  private ws: WebSocket | null = null;
  private backoffMs = 500;
  private listeners: Listener[] = [];
  private connListeners: ((s: ConnState) => void)[] = [];
  private awaitingSnapshot = true;
  stopped = false;
  /** Snapshots received on this page, and resyncs asked for after a seq gap (shown to tests). */
  snapshots = 0;
  gapResyncs = 0;

  onChange(l: Listener): void {
    this.listeners.push(l);
  }

  onConn(l: (s: ConnState) => void): void {
    this.connListeners.push(l);
  }

  connect(): void {
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    const ws = new WebSocket(`${proto}://${location.host}/api/ws/control`);
    this.ws = ws;
    this.awaitingSnapshot = true;
    // A message is one frame, or an array of frames in order when we were behind.
    ws.onmessage = (m) => {
      const parsed = JSON.parse(m.data as string) as CockpitFrame | CockpitFrame[];
      for (const f of Array.isArray(parsed) ? parsed : [parsed]) this.onFrame(f);
    };
    ws.onclose = () => {
      if (this.ws !== ws || this.stopped) return;
      this.setConn('reconnecting');
      const delay = this.backoffMs * (0.5 + Math.random());
      this.backoffMs = Math.min(this.backoffMs * 2, 10_000);
      setTimeout(() => this.connect(), delay);
    };
  }

  stop(): void {
    this.stopped = true;
    this.ws?.close();
  }

  private onFrame(frame: CockpitFrame): void {
    if (frame.type === 'snapshot') {
      this.hosts.clear();
      for (const h of frame.hosts) this.hosts.set(h.hostId, h);
      this.awaitingSnapshot = false;
      this.snapshots++;
      this.backoffMs = 500;
      this.setConn('live');
      this.emit(null, null);
      return;
    }
    if (frame.type === 'resync') {
      this.awaitingSnapshot = true; // the server sends a snapshot next
      return;
    }
    if (this.awaitingSnapshot) return;
    const host = this.hosts.get(frame.host);
    const last = host ? host.seq : 0;
    if (frame.seq <= last) return; // stale or duplicate
    if (frame.seq > last + 1) {
      this.awaitingSnapshot = true;
      this.gapResyncs++;
      this.ws?.send(JSON.stringify({ type: 'resync' }));
      return;
    }
    const view = host ?? emptyHost(frame.host);
    applyDelta(view, frame);
    const t = frame.data as { swap?: boolean; modelId?: string };
    if (frame.event === 'model.transition' && t.swap) this.swaps.set(`${frame.host}/${t.modelId}`, Date.now());
    view.seq = frame.seq;
    this.hosts.set(frame.host, view);
    this.emit(frame.host, frame);
  }

  private emit(host: string | null, delta: DeltaFrame | null): void {
    for (const l of this.listeners) l(host, delta);
  }

  private setConn(s: ConnState): void {
    for (const l of this.connListeners) l(s);
  }
}

function emptyHost(hostId: string): HostView {
  return {
    hostId, displayName: null, baseUrl: null, liveness: null, lastSeenAt: null,
    livenessReason: null, epoch: 0, version: null, models: [], gpus: [], system: null, perfStatus: null,
    inflight: [], gaps: [], jobs: [], seq: 0,
  };
}

/**
 * TTLs a host.info gave for models this page has not seen yet, by "host/model": the server keeps
 * them the same way (FleetView) and shows them once the model appears; a snapshot carries them.
 */
const pendingTtls = new Map<string, number | null>();
/** Likewise the newest finished request of a model not seen yet. */
const pendingUse = new Map<string, string>();

function later(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

/** The same rules as the server's FleetView, for one delta. */
function applyDelta(h: HostView, d: DeltaFrame): void {
  const data = d.data as Record<string, any>;
  switch (d.event) {
    case 'host.liveness':
      h.liveness = data.state;
      h.lastSeenAt = data.lastSeenAt ?? h.lastSeenAt;
      h.livenessReason = data.reason ?? null;
      break;
    case 'model.transition': {
      // TTL and last use belong to the model, not to its state: they carry over.
      const before = h.models.find((x) => x.modelId === data.modelId);
      const key = `${h.hostId}/${data.modelId}`;
      const ttlSeconds = before ? before.ttlSeconds : pendingTtls.get(key) ?? null;
      const lastUsedAt = later(before?.lastUsedAt, pendingUse.get(key));
      pendingTtls.delete(key);
      pendingUse.delete(key);
      const m: ModelView = {
        modelId: data.modelId, state: data.toState, since: data.observedAt, swap: !!data.swap,
        ttlSeconds, lastUsedAt,
      };
      h.models = [...h.models.filter((x) => x.modelId !== m.modelId), m].sort((a, b) => a.modelId.localeCompare(b.modelId));
      break;
    }
    case 'inflight.changed': {
      const reqs = (data.requests ?? []) as InflightRequest[];
      if (data.operation === 'snapshot') h.inflight = reqs;
      else if (data.operation === 'upsert') h.inflight = [...h.inflight.filter((r) => !reqs.some((x) => x.id === r.id)), ...reqs];
      else if (data.operation === 'remove') h.inflight = h.inflight.filter((r) => r.id !== data.removedId);
      break;
    }
    case 'host.info': {
      h.version = data.version ?? null;
      for (const t of (data.models ?? []) as { modelId: string; ttlSeconds: number | null }[]) {
        const known = h.models.find((x) => x.modelId === t.modelId);
        if (known) known.ttlSeconds = t.ttlSeconds ?? null;
        else pendingTtls.set(`${h.hostId}/${t.modelId}`, t.ttlSeconds ?? null);
      }
      break;
    }
    case 'activity.recorded': {
      if (!data.model || !data.finishedAt) break;
      const m = h.models.find((x) => x.modelId === data.model);
      const key = `${h.hostId}/${data.model}`;
      if (m) m.lastUsedAt = later(m.lastUsedAt, data.finishedAt);
      else pendingUse.set(key, later(pendingUse.get(key), data.finishedAt)!);
      break;
    }
    case 'epoch.started':
      h.epoch = data.epoch;
      break;
    case 'gap.suspected': {
      const g: GapView = { epoch: data.epoch, fromId: data.fromId, toId: data.toId, reason: data.reason, detectedAt: data.detectedAt };
      h.gaps = [g, ...h.gaps.filter((x) => !(x.epoch === g.epoch && x.fromId === g.fromId))].slice(0, 20);
      break;
    }
    case 'perf.sampled':
      h.perfStatus = data.status;
      if (data.status === 'ok') {
        const byIndex = new Map(h.gpus.map((g) => [g.index, g]));
        for (const g of data.gpus ?? []) byIndex.set(g.index, g);
        h.gpus = [...byIndex.values()].sort((a, b) => a.index - b.index);
        const sys = (data.system ?? []) as HostView['system'][];
        if (sys.length) h.system = sys[sys.length - 1];
      }
      break;
    case 'job.updated': {
      // As the server's OpenJobs: open jobs only; running first, then queued by submission.
      const j = data as HostView['jobs'][number];
      const open = h.jobs.filter((x) => x.jobId !== j.jobId);
      if (j.state === 'queued' || j.state === 'running') open.push(j);
      const running = open.filter((x) => x.state === 'running');
      const queued = open
        .filter((x) => x.state === 'queued')
        .sort((a, b) => (a.queuedAt ?? '').localeCompare(b.queuedAt ?? '') || a.jobId.localeCompare(b.jobId))
        .map((x, i) => ({ ...x, position: i + 1 }));
      h.jobs = [...running, ...queued];
      break;
    }
    default:
      break; // logs do not change the host view
  }
}

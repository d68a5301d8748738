import type { HostView } from './generated/frames';
import type { LiveFleet } from './live';
import { ttlText } from './ttl';

const STATE_CLASS: Record<string, string> = { CONNECTED: 'green', RECONNECTING: 'amber', DOWN: 'grey' };

/** One card per host, redrawn from the live state; swaps flash on the model that changed. */
export function renderFleet(fleet: LiveFleet, root: HTMLElement, swappedModel?: { host: string; model: string }): void {
  const hosts = [...fleet.hosts.values()].sort((a, b) => a.hostId.localeCompare(b.hostId));
  if (hosts.length === 0) {
    root.innerHTML = '<p class="muted">No hosts yet. Add them to hosts.yaml (or run ./boocontrol up for simulated ones).</p>';
    return;
  }
  root.innerHTML = hosts.map((h) => card(h, fleet.swaps, swappedModel)).join('');
}

const SWAP_SHOWN_MS = 120_000;

function card(h: HostView, swaps: Map<string, number>, swapped?: { host: string; model: string }): string {
  const state = h.liveness ?? 'RECONNECTING';
  const chip = STATE_CLASS[state] ?? 'grey';
  const seen = h.lastSeenAt ? `last seen ${ago(h.lastSeenAt)}` : 'never seen';
  const chipText = state === 'DOWN' ? `down · ${seen}` : state.toLowerCase();
  const models = h.models.length
    ? h.models
        .map((m) => {
          const flash = swapped && swapped.host === h.hostId && swapped.model === m.modelId ? ' flash' : '';
          const swappedAt = swaps.get(`${h.hostId}/${m.modelId}`);
          const swap = swappedAt !== undefined && Date.now() - swappedAt < SWAP_SHOWN_MS
            ? ` · swapped in ${ago(new Date(swappedAt).toISOString())}` : '';
          const ttl = ttlText(m, inFlight(h, m.modelId), Date.now());
          return `<li class="model${flash}" data-model="${esc(m.modelId)}"><span class="dot ${m.state}"></span>${esc(m.modelId)}<span class="state">${esc(m.state)}${swap}</span><span class="ttl" data-ttl-host="${esc(h.hostId)}" data-ttl-model="${esc(m.modelId)}">${esc(ttl)}</span>${modelButtons(h.hostId, m.modelId, m.state)}</li>`;
        })
        .join('')
    : '<li class="muted">no model has been seen</li>';
  const gpus = h.gpus
    .map((g) => {
      const pct = g.memTotalMb > 0 ? Math.round((100 * g.memUsedMb) / g.memTotalMb) : 0;
      return `<div class="gpu"><div class="gpu-name">GPU ${g.index} ${esc(g.name ?? '')}</div>
        <div class="bar" title="VRAM ${Math.round(g.memUsedMb)} / ${Math.round(g.memTotalMb)} MB"><div style="width:${pct}%"></div></div>
        <div class="gpu-stats">${Math.round(g.memUsedMb / 1024)}/${Math.round(g.memTotalMb / 1024)} GB · ${Math.round(g.tempC)} °C · ${Math.round(g.powerDrawW)} W · ${Math.round(g.gpuUtilPct)}%</div></div>`;
    })
    .join('');
  const perf = h.perfStatus && h.perfStatus !== 'ok' ? `<p class="muted">performance ${esc(h.perfStatus)}</p>` : '';
  const gap = h.gaps.length
    ? `<p class="warn" title="${esc(h.gaps[0].reason ?? "")}">⚠ ${h.gaps.length} gap${h.gaps.length > 1 ? 's' : ''}: rows ${h.gaps[0].fromId}–${h.gaps[0].toId} of epoch ${h.gaps[0].epoch} lost</p>`
    : '';
  return `<article class="card host ${chip}" data-host="${esc(h.hostId)}" data-state="${state}">
    <header><h2>${esc(h.displayName ?? h.hostId)}</h2>${h.version ? `<span class="chip version" title="llama-swap version">${esc(h.version)}</span>` : ''}<span class="chip ${chip}">${esc(chipText)}</span></header>
    <p class="muted small">${esc(h.hostId)} · epoch ${h.epoch} · ${h.inflight.length} in flight</p>
    <ul class="models">${models}</ul>${jobs(h)}${gpus}${perf}${gap}
    <footer><button class="act" data-act="unload_all" data-host="${esc(h.hostId)}">Unload all</button></footer></article>`;
}

function inFlight(h: HostView, modelId: string): number {
  return h.inflight.filter((r) => r.model === modelId).length;
}

/**
 * Moves every TTL countdown on the page on by one tick, in place (cards are not redrawn, so a
 * button under the pointer stays put). One timer calls it for all cards.
 */
export function tickTtls(fleet: LiveFleet, root: HTMLElement): void {
  const now = Date.now();
  for (const el of root.querySelectorAll<HTMLElement>('.ttl')) {
    const h = fleet.hosts.get(el.dataset.ttlHost ?? '');
    const m = h?.models.find((x) => x.modelId === el.dataset.ttlModel);
    const text = h && m ? ttlText(m, inFlight(h, m.modelId), now) : '';
    if (el.textContent !== text) el.textContent = text;
  }
}

const KIND: Record<string, string> = { warm: 'warm', unload: 'unload', unload_all: 'unload all' };

function modelButtons(host: string, model: string, state: string): string {
  const act = state === 'ready' || state === 'starting' ? 'unload' : 'warm';
  return ` <button class="act small" data-act="${act}" data-host="${esc(host)}" data-model="${esc(model)}">${act === 'warm' ? 'Warm' : 'Unload'}</button>`;
}

/** The host's open actions: the running one, then the queue with positions and cancel buttons. */
function jobs(h: HostView): string {
  if (!h.jobs.length) return '';
  const rows = h.jobs
    .map((j) => {
      const what = `${KIND[j.kind] ?? esc(j.kind)}${j.model ? ` ${esc(j.model)}` : ''}`;
      return j.state === 'running'
        ? `<li class="job running">running: ${what} <span class="muted">(${esc(j.requestedBy ?? '')})</span></li>`
        : `<li class="job queued">#${j.position ?? '?'} queued: ${what} <button class="link" data-cancel="${esc(j.jobId)}">cancel</button></li>`;
    })
    .join('');
  return `<ul class="jobs">${rows}</ul>`;
}

export function ago(iso: string): string {
  const s = Math.max(0, Math.round((Date.now() - Date.parse(iso)) / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  return `${Math.round(s / 3600)} h ago`;
}

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

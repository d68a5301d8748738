import { api } from './api';
import { esc } from './fleet';
import type { Inspector } from './inspector';
import type { DeltaFrame } from './generated/frames';

/** One completed request, from the REST search or a live control_activity frame. */
export interface ActivityRow {
  hostId: string;
  epoch: number;
  activityId: number;
  finishedAt: string;
  model: string;
  reqPath: string;
  status: number;
  inputTokens: number;
  outputTokens: number;
  cacheTokens: number;
  promptPerSecond: number;
  tokensPerSecond: number;
  durationMs: number;
  hasCapture: boolean;
  errorMsg: string | null;
  source: string;
  sourceAttribution: string;
}

const ROW_HEIGHT = 28;
const MAX_ROWS = 100_000;

/**
 * The live feed: newest first, up to 100,000 rows in memory, only the visible ones in the DOM
 * (fixed-height rows, absolutely placed), so scrolling stays smooth at any length.
 */
export class ActivityFeed {
  private rows: ActivityRow[] = [];
  private shown: ActivityRow[] = [];
  private keys = new Set<string>();
  /** Rows received since the last animation frame, oldest first. */
  private pending: ActivityRow[] = [];
  private unsorted = false;
  /** Values already offered in each filter select. */
  private options = { host: new Set<string>(), model: new Set<string>(), source: new Set<string>() };
  private filter = { host: '', model: '', source: '', status: '' };
  private frame = 0;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly spacer: HTMLElement,
    private readonly count: HTMLElement,
    private readonly detail: HTMLElement,
    private readonly selects: Record<'host' | 'model' | 'source' | 'status', HTMLSelectElement>,
    private readonly inspector: Inspector,
  ) {
    scroller.addEventListener('scroll', () => this.schedule());
    for (const [k, sel] of Object.entries(selects)) {
      sel.addEventListener('change', () => {
        this.filter[k as keyof typeof this.filter] = sel.value;
        this.refilter();
      });
    }
    scroller.addEventListener('click', (e) => {
      const el = (e.target as HTMLElement).closest('[data-i]') as HTMLElement | null;
      if (el) this.showDetail(this.shown[Number(el.dataset.i)]);
    });
  }

  async loadRecent(): Promise<void> {
    try {
      const page = await api<{ rows: ActivityRow[] }>('/api/activity?limit=500');
      this.add(page.rows.slice().reverse());
    } catch {
      /* the live feed still works; the search API may be unavailable */
    }
  }

  onDelta(d: DeltaFrame): void {
    if (d.type !== 'control_activity') return;
    const a = d.data as Record<string, any>;
    this.add([
      {
        hostId: a.hostId, epoch: a.epoch, activityId: a.activityId, finishedAt: a.finishedAt,
        model: a.model, reqPath: a.reqPath, status: a.respStatusCode, inputTokens: a.inputTokens,
        outputTokens: a.outputTokens, cacheTokens: a.cacheTokens, promptPerSecond: a.promptPerSecond,
        tokensPerSecond: a.tokensPerSecond, durationMs: a.durationMs, hasCapture: a.hasCapture,
        errorMsg: a.errorMsg, source: a.source, sourceAttribution: a.sourceAttribution,
      },
    ]);
  }

  /**
   * Oldest first in, newest ends up on top. Rows are only queued here and merged once per animation
   * frame, so a burst of thousands of live frames costs one merge and one redraw, not one each.
   */
  private add(incoming: ActivityRow[]): void {
    for (const r of incoming) {
      const key = `${r.hostId}/${r.epoch}/${r.activityId}`;
      if (this.keys.has(key)) continue;
      this.keys.add(key);
      this.pending.push(r);
      for (const [k, v] of [['host', r.hostId], ['model', r.model], ['source', r.source]] as const) {
        if (!this.options[k].has(v)) {
          this.options[k].add(v);
          this.selects[k].add(new Option(v, v));
        }
      }
    }
    // A page from the search API may land after live rows: it needs a full sort.
    if (incoming.length > 1) this.unsorted = true;
    if (this.pending.length) this.schedule();
  }

  /** Merges the queued rows: newest first, capped at MAX_ROWS, the filtered view updated. */
  private merge(): void {
    if (!this.pending.length) return;
    const fresh = this.pending.reverse();
    this.pending = [];
    this.rows = fresh.concat(this.rows);
    let refilter = false;
    if (this.unsorted) {
      this.rows.sort((a, b) => Date.parse(b.finishedAt) - Date.parse(a.finishedAt));
      this.unsorted = false;
      refilter = true;
    }
    if (this.rows.length > MAX_ROWS) {
      for (const r of this.rows.splice(MAX_ROWS)) this.keys.delete(`${r.hostId}/${r.epoch}/${r.activityId}`);
      refilter = true;
    }
    this.shown = refilter
      ? this.rows.filter((r) => this.matches(r))
      : fresh.filter((r) => this.matches(r)).concat(this.shown);
    this.counted();
  }

  private matches(r: ActivityRow): boolean {
    const f = this.filter;
    if (f.host && r.hostId !== f.host) return false;
    if (f.model && r.model !== f.model) return false;
    if (f.source && r.source !== f.source) return false;
    if (f.status === 'ok' && !(r.status >= 200 && r.status < 300)) return false;
    if (f.status === 'error' && r.status >= 200 && r.status < 300) return false;
    return true;
  }

  private refilter(): void {
    this.shown = this.rows.filter((r) => this.matches(r));
    this.counted();
    this.schedule();
  }

  private counted(): void {
    this.count.textContent = `${this.shown.length.toLocaleString()} of ${this.rows.length.toLocaleString()} requests`;
    this.spacer.style.height = `${this.shown.length * ROW_HEIGHT}px`;
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.merge();
      this.draw();
    });
  }

  private draw(): void {
    const first = Math.max(0, Math.floor(this.scroller.scrollTop / ROW_HEIGHT) - 5);
    const last = Math.min(this.shown.length, first + Math.ceil(this.scroller.clientHeight / ROW_HEIGHT) + 10);
    let html = '';
    for (let i = first; i < last; i++) {
      const r = this.shown[i];
      const bad = r.status < 200 || r.status >= 300;
      html += `<div class="row feed-row${bad ? ' bad' : ''}" data-i="${i}" style="top:${i * ROW_HEIGHT}px">
        <span>${new Date(r.finishedAt).toLocaleTimeString()}</span><span>${esc(r.hostId)}</span><span>${esc(r.model)}</span>
        <span>${esc(r.source)}${r.sourceAttribution === 'inferred' ? '*' : ''}</span><span>${r.status}</span>
        <span>${r.inputTokens} / ${r.outputTokens}</span><span>${r.tokensPerSecond > 0 ? r.tokensPerSecond.toFixed(1) : '–'}</span><span>${r.durationMs}</span></div>`;
    }
    this.spacer.innerHTML = html;
  }

  private showDetail(r: ActivityRow | undefined): void {
    if (!r) return;
    this.detail.hidden = false;
    this.detail.innerHTML = `<button class="link close">close</button><h3>${esc(r.model)} · ${esc(r.reqPath)}</h3>
      <dl>
        <dt>host</dt><dd>${esc(r.hostId)} (epoch ${r.epoch}, row ${r.activityId})</dd>
        <dt>finished</dt><dd>${new Date(r.finishedAt).toLocaleString()}</dd>
        <dt>status</dt><dd>${r.status}</dd>
        <dt>source</dt><dd>${esc(r.source)} (${esc(r.sourceAttribution)})</dd>
        <dt>tokens</dt><dd>${r.inputTokens} in (${r.cacheTokens} cached) · ${r.outputTokens} out</dd>
        <dt>speed</dt><dd>prompt ${r.promptPerSecond.toFixed(1)} tok/s · generation ${r.tokensPerSecond.toFixed(1)} tok/s</dd>
        <dt>duration</dt><dd>${r.durationMs} ms</dd>
        ${r.errorMsg ? `<dt>error</dt><dd class="error">${esc(r.errorMsg)}</dd>` : ''}
        <dt>capture</dt><dd>${r.hasCapture ? 'kept by the host' : 'none'}</dd>
      </dl>
      <p><button class="inspect" id="inspect-capture">Inspect capture</button></p>`;
    this.detail.querySelector('.close')!.addEventListener('click', () => (this.detail.hidden = true));
    this.detail.querySelector('.inspect')!.addEventListener('click', () => void this.inspector.open(r.hostId, r.epoch, r.activityId));
  }
}

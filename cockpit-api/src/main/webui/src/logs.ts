import { api } from './api';
import { ansiToHtml, stripAnsi } from './ansi';
import type { DeltaFrame } from './generated/frames';
import type { LiveFleet } from './live';

/** One complete log line as cockpit-api numbers it (per host, across proxy and upstream). */
export interface LogLine {
  n: number;
  source: string;
  text: string;
  dropped?: number | null;
}

interface HostLogs {
  host: string;
  seq: number;
  lines: LogLine[];
  pending: Record<string, string>;
}

const ROW_HEIGHT = 20;
/** Lines kept per host: the server's tail of 2,000 per source. */
const MAX_PER_HOST = 4_000;
/** Lines kept of a model's own stream. */
const MAX_MODEL_LINES = 2_000;

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

export interface LogElements {
  host: HTMLSelectElement;
  source: HTMLSelectElement;
  search: HTMLInputElement;
  count: HTMLElement;
  live: HTMLButtonElement;
  notice: HTMLElement;
  scroller: HTMLElement;
  spacer: HTMLElement;
}

/**
 * The Logs tab: every host's proxy and upstream lines (the server's tail, then live
 * {@code control_log} lines, joined by line number so nothing shows twice), or one model's own
 * output streamed on demand. Virtualised like the activity feed; follows the tail until the
 * operator scrolls up, then waits with a "jump to live" button.
 */
export class LogsView {
  private readonly lines = new Map<string, LogLine[]>();
  private readonly loaded = new Set<string>();
  private modelLines: LogLine[] = [];
  private modelPending = '';
  private stream: EventSource | null = null;
  private shown: LogLine[] = [];
  private shownCount = 0;
  private following = true;
  private unseen = 0;
  private frame = 0;
  private visible = false;

  constructor(private readonly fleet: LiveFleet, private readonly el: LogElements) {
    el.scroller.addEventListener('scroll', () => {
      const atBottom = el.scroller.scrollTop + el.scroller.clientHeight >= el.scroller.scrollHeight - ROW_HEIGHT;
      if (atBottom !== this.following) {
        this.following = atBottom;
        if (atBottom) this.unseen = 0;
        this.updateLiveButton();
      }
      this.schedule();
    });
    el.live.onclick = () => this.jumpToLive();
    el.host.onchange = () => void this.select();
    el.source.onchange = () => void this.select();
    el.search.oninput = () => this.refilter();
  }

  /** The tab was opened: load the chosen host's tail once. */
  async show(): Promise<void> {
    this.visible = true;
    this.syncHosts();
    await this.select();
  }

  hide(): void {
    this.visible = false;
  }

  /** A fleet change: live lines, and after a fresh snapshot the tails again (frames may be lost). */
  onChange(delta: DeltaFrame | null): void {
    if (!delta) {
      this.loaded.clear();
      this.syncHosts();
      if (this.visible) void this.loadTail(this.el.host.value);
      return;
    }
    if (delta.type === 'control_fleet') this.syncModels();
    if (delta.type !== 'control_log') return;
    const data = delta.data as { lines?: LogLine[] };
    if (!data.lines?.length) return;
    const merged = this.merge(delta.host, data.lines);
    if (merged && delta.host === this.el.host.value && !this.el.source.value.startsWith('model:')) this.refilter(merged);
  }

  private syncHosts(): void {
    const select = this.el.host;
    for (const id of this.fleet.hosts.keys()) {
      if (![...select.options].some((o) => o.value === id)) select.add(new Option(id, id));
    }
    if (!select.value) {
      const up = [...this.fleet.hosts.values()].find((h) => h.liveness === 'CONNECTED');
      if (up) select.value = up.hostId;
    }
    this.syncModels();
  }

  /** The source list offers the chosen host's models too. */
  private syncModels(): void {
    const host = this.fleet.hosts.get(this.el.host.value);
    const select = this.el.source;
    const wanted = new Set((host?.models ?? []).map((m) => `model:${m.modelId}`));
    for (const o of [...select.options]) {
      if (o.value.startsWith('model:') && !wanted.has(o.value) && o.value !== select.value) o.remove();
    }
    for (const v of wanted) {
      if (![...select.options].some((o) => o.value === v)) select.add(new Option(`model ${v.slice(6)}`, v));
    }
  }

  private async select(): Promise<void> {
    this.closeStream();
    this.note('');
    this.syncModels();
    const host = this.el.host.value;
    const source = this.el.source.value;
    this.following = true;
    this.unseen = 0;
    if (source.startsWith('model:')) {
      this.openStream(host, source.slice(6));
    } else {
      await this.loadTail(host);
    }
    this.refilter();
  }

  private async loadTail(host: string): Promise<void> {
    if (!host || this.loaded.has(host)) return;
    try {
      const tail = await api<HostLogs>(`/api/hosts/${encodeURIComponent(host)}/logs?limit=2000`);
      const held = this.lines.get(host) ?? [];
      // Numbers restart when cockpit-api restarts: a tail that ends below what we hold replaces it.
      const restarted = held.length > 0 && tail.lines.length > 0 && tail.lines[tail.lines.length - 1].n < held[0].n;
      if (restarted) this.lines.delete(host);
      this.merge(host, tail.lines);
      this.loaded.add(host);
      if (host === this.el.host.value) this.refilter();
    } catch (e) {
      this.note(`Could not read the log tail of ${host}: ${(e as Error).message}`);
    }
  }

  /** Adds lines to a host's list by number, dropping ones it holds; true when any was new. */
  private merge(host: string, incoming: LogLine[]): boolean {
    const held = this.lines.get(host) ?? [];
    const last = held.length ? held[held.length - 1].n : 0;
    let added = false;
    if (incoming.every((l) => l.n > last)) {
      for (const l of incoming) held.push(l);
      added = incoming.length > 0;
    } else {
      const byN = new Map(held.map((l) => [l.n, l]));
      for (const l of incoming) {
        if (!byN.has(l.n)) {
          byN.set(l.n, l);
          added = true;
        }
      }
      held.splice(0, held.length, ...[...byN.values()].sort((a, b) => a.n - b.n));
    }
    if (held.length > MAX_PER_HOST) held.splice(0, held.length - MAX_PER_HOST);
    this.lines.set(host, held);
    return added;
  }

  private openStream(host: string, model: string): void {
    this.modelLines = [];
    this.modelPending = '';
    const source = new EventSource(`/api/hosts/${encodeURIComponent(host)}/logs/stream/${encodeURIComponent(model)}`);
    this.stream = source;
    let n = 0;
    source.onmessage = (m) => {
      const text = this.modelPending + (m.data as string);
      const parts = text.split('\n');
      this.modelPending = parts.pop() ?? '';
      for (const p of parts) this.modelLines.push({ n: ++n, source: model, text: p.replace(/\r$/, '') });
      if (this.modelLines.length > MAX_MODEL_LINES) this.modelLines.splice(0, this.modelLines.length - MAX_MODEL_LINES);
      if (parts.length) this.refilter(true);
    };
    source.addEventListener('error', (m) => {
      const data = (m as MessageEvent).data as string | undefined;
      if (data) {
        try {
          this.note(JSON.parse(data).error as string);
        } catch {
          this.note(data);
        }
      } else if (this.stream === source) {
        this.note(`The log stream of ${model} on ${host} ended; choose the model again to reopen it.`);
      }
      // No automatic reconnect: it would replay the history as new lines.
      source.close();
    });
  }

  private closeStream(): void {
    this.stream?.close();
    this.stream = null;
  }

  private note(text: string): void {
    this.el.notice.textContent = text;
    this.el.notice.hidden = !text;
  }

  private refilter(grew = false): void {
    const source = this.el.source.value;
    const needle = this.el.search.value.trim().toLowerCase();
    let all: LogLine[];
    if (source.startsWith('model:')) all = this.modelLines;
    else {
      all = this.lines.get(this.el.host.value) ?? [];
      if (source) all = all.filter((l) => l.source === source);
    }
    // The unfiltered list is the held array itself, grown in place: count from what was drawn.
    const before = this.shownCount;
    this.shown = needle ? all.filter((l) => stripAnsi(l.text).toLowerCase().includes(needle)) : all;
    this.shownCount = this.shown.length;
    if (grew && !this.following) this.unseen += Math.max(0, this.shown.length - before);
    this.el.count.textContent = needle
      ? `${this.shown.length.toLocaleString('en')} of ${all.length.toLocaleString('en')} lines`
      : `${all.length.toLocaleString('en')} lines`;
    this.el.spacer.style.height = `${this.shown.length * ROW_HEIGHT}px`;
    this.updateLiveButton();
    this.schedule();
  }

  private updateLiveButton(): void {
    this.el.live.hidden = this.following;
    this.el.live.textContent = this.unseen > 0 ? `Jump to live (${this.unseen.toLocaleString('en')} new)` : 'Jump to live';
  }

  private jumpToLive(): void {
    this.following = true;
    this.unseen = 0;
    this.updateLiveButton();
    this.el.scroller.scrollTop = this.el.scroller.scrollHeight;
    this.schedule();
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private draw(): void {
    const s = this.el.scroller;
    if (this.following) s.scrollTop = s.scrollHeight;
    const first = Math.max(0, Math.floor(s.scrollTop / ROW_HEIGHT) - 10);
    const last = Math.min(this.shown.length, first + Math.ceil(s.clientHeight / ROW_HEIGHT) + 20);
    let html = '';
    for (let i = first; i < last; i++) {
      const l = this.shown[i];
      const top = `style="top:${i * ROW_HEIGHT}px"`;
      if (l.dropped != null) {
        html += `<div class="log-line log-dropped" data-n="${l.n}" ${top}>— ${l.dropped.toLocaleString('en')} bytes dropped —</div>`;
      } else {
        html += `<div class="log-line src-${esc(l.source.startsWith('proxy') ? 'proxy' : 'upstream')}" data-n="${l.n}" ${top}><span class="log-src">${esc(l.source)}</span>${ansiToHtml(l.text)}</div>`;
      }
    }
    this.el.spacer.innerHTML = html;
  }
}

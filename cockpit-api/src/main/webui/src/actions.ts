import { esc } from './fleet';
import type { DeltaFrame } from './generated/frames';

/** What action-queue says when an action would disturb someone (HTTP 409). */
interface Takeover {
  error: string;
  message: string;
  running?: { model: string | null; source: string; at: string; inFlight: boolean }[];
  heldBy?: { holder: string; purpose: string; expiresAt: string | null }[];
}

const KIND_WORDS: Record<string, string> = { warm: 'Warm', unload: 'Unload', unload_all: 'Unload all' };

/**
 * Warm / unload / unload-all buttons on the host cards, the takeover dialog, cancel of queued
 * actions, and plain-words notices of what happened. The cards themselves only change from
 * control_fleet and control_job frames: nothing here pretends a model changed state.
 */
export class Actions {
  constructor(
    root: HTMLElement,
    private readonly dialog: HTMLDialogElement,
    private readonly notice: HTMLElement,
  ) {
    root.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest('button[data-act], button[data-cancel]') as HTMLButtonElement | null;
      if (!b) return;
      if (b.dataset.cancel) void this.cancel(b.dataset.cancel);
      else void this.submit(b.dataset.host!, b.dataset.act!, b.dataset.model ?? null, false);
    });
  }

  /** Failures and skips arrive as control_job frames: say them where the operator looks. */
  onDelta(d: DeltaFrame): void {
    if (d.type !== 'control_job') return;
    const j = d.data as { kind: string; model: string | null; state: string; message: string | null };
    if (j.state === 'failed' || j.state === 'skipped') {
      this.say(`${KIND_WORDS[j.kind] ?? j.kind} ${j.model ?? ''} on ${d.host} ${j.state}: ${j.message ?? 'no reason given'}`, true);
    }
  }

  async submit(host: string, kind: string, model: string | null, confirmTakeover: boolean): Promise<void> {
    const res = await fetch(`/api/hosts/${encodeURIComponent(host)}/actions`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ kind, model, confirmTakeover }),
    });
    const body = await res.json().catch(() => ({}));
    const what = `${KIND_WORDS[kind] ?? kind}${model ? ` ${model}` : ''} on ${host}`;
    if (res.status === 202) {
      this.say(`${what}: queued${body.position ? ` (position ${body.position})` : ''}`, false);
    } else if (res.status === 409 && body.error === 'takeover needed') {
      if (await this.confirmTakeover(what, body as Takeover)) await this.submit(host, kind, model, true);
      else this.say(`${what}: not sent, nothing was disturbed`, false);
    } else if (res.status === 429) {
      this.say(`${what}: refused, the host's queue is full (${body.message ?? body.error ?? '429'})`, true);
    } else {
      this.say(`${what}: refused (${res.status}): ${body.message ?? body.error ?? res.statusText}`, true);
    }
  }

  private async cancel(jobId: string): Promise<void> {
    const res = await fetch(`/api/actions/${encodeURIComponent(jobId)}`, { method: 'DELETE', credentials: 'same-origin' });
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      this.say(`cancel refused (${res.status}): ${body.message ?? body.error ?? res.statusText}`, true);
    }
  }

  /** Shows who would be disturbed; resolves true when the operator confirms the takeover. */
  private confirmTakeover(what: string, t: Takeover): Promise<boolean> {
    const running = (t.running ?? [])
      .map((u) => `<li>${u.inFlight ? 'in flight now' : `finished ${new Date(u.at).toLocaleTimeString()}`}: ${esc(u.model ?? 'a request')} for <b>${esc(u.source)}</b></li>`)
      .join('');
    const held = (t.heldBy ?? []).map((h) => `<li><b>${esc(h.holder)}</b> holds the host for ${esc(h.purpose)}</li>`).join('');
    this.dialog.innerHTML = `<form method="dialog">
      <h3>Take over the host?</h3>
      <p>${esc(what)} would disturb someone. ${esc(t.message ?? '')}</p>
      ${running ? `<p>Recent use by others:</p><ul>${running}</ul>` : ''}
      ${held ? `<p>Holders:</p><ul>${held}</ul>` : ''}
      <p class="dialog-buttons"><button value="cancel" id="takeover-cancel">Cancel</button>
      <button value="confirm" id="takeover-confirm" class="danger">Take over</button></p></form>`;
    return new Promise((resolve) => {
      this.dialog.onclose = () => resolve(this.dialog.returnValue === 'confirm');
      this.dialog.showModal();
    });
  }

  private say(text: string, bad: boolean): void {
    this.notice.textContent = text;
    this.notice.className = `notice${bad ? ' bad' : ''}`;
    this.notice.hidden = false;
  }
}

import { api, ApiError } from './api';
import { esc } from './fleet';

/** A captured body as the API sends it. */
interface CapturedBody {
  kept: boolean;
  binary: boolean;
  sizeBytes: number;
  text: string | null;
}

interface Usage {
  promptTokens: number | null;
  completionTokens: number | null;
  totalTokens: number | null;
  cachedTokens: number | null;
}

/** GET /api/hosts/{host}/activity/{epoch}/{id}/capture */
export interface CaptureView {
  hostId: string;
  epoch: number;
  activityId: number;
  source: 'host' | 'vault';
  hostUrl: string | null;
  reqPath: string;
  requestHeaders: Record<string, string> | null;
  requestBody: CapturedBody;
  responseHeaders: Record<string, string> | null;
  responseBody: CapturedBody;
  stream: {
    content: string;
    reasoning: string;
    loadingPrelude: string;
    finishReason: string | null;
    usage: Usage | null;
    chunks: number;
    done: boolean;
    errors: string[];
  } | null;
}

const REDACTED = '[redacted]';

/** Splits JSON text into tokens for highlighting; anything it does not know stays plain. */
export function highlightJson(text: string): string {
  const re = /("(?:[^"\\]|\\.)*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false)\b|\b(null)\b|([{}[\],])/g;
  let out = '';
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out += esc(text.slice(last, m.index));
    if (m[1] !== undefined) {
      out += m[2] !== undefined
        ? `<span class="j-key">${esc(m[1])}</span>${esc(m[2])}`
        : `<span class="j-str">${esc(m[1])}</span>`;
    } else if (m[3] !== undefined) out += `<span class="j-num">${m[3]}</span>`;
    else if (m[4] !== undefined) out += `<span class="j-bool">${m[4]}</span>`;
    else if (m[5] !== undefined) out += `<span class="j-null">null</span>`;
    else out += `<span class="j-punct">${esc(m[6])}</span>`;
    last = re.lastIndex;
  }
  return out + esc(text.slice(last));
}

/** A body as HTML: JSON pretty-printed and highlighted, other text plain, binary described. */
function bodyHtml(b: CapturedBody, what: string): string {
  if (!b.kept) return `<p class="muted">llama-swap did not keep the ${what}.</p>`;
  if (b.binary) return `<p class="muted">binary, ${b.sizeBytes.toLocaleString()} bytes (not shown)</p>`;
  const text = b.text ?? '';
  if (text === '') return '<p class="muted">empty</p>';
  try {
    return `<pre class="code">${highlightJson(JSON.stringify(JSON.parse(text), null, 2))}</pre>`;
  } catch {
    return `<pre class="code">${esc(text)}</pre>`;
  }
}

function headersHtml(h: Record<string, string> | null, what: string): string {
  if (!h) return `<p class="muted">llama-swap did not keep the ${what}.</p>`;
  const rows = Object.entries(h)
    .map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v === REDACTED ? '<span class="redacted" title="hidden by BooControl">[redacted]</span>' : esc(v)}</dd>`)
    .join('');
  return rows ? `<dl class="headers">${rows}</dl>` : '<p class="muted">none</p>';
}

function usageText(u: Usage | null): string {
  if (!u) return 'no usage in the stream';
  const parts = [`${u.promptTokens ?? '?'} prompt`, `${u.completionTokens ?? '?'} completion`];
  if (u.cachedTokens != null) parts.push(`${u.cachedTokens} cached`);
  return parts.join(' · ') + ' tokens';
}

/** A ready-to-run curl of the captured request; the key is a placeholder, never a secret. */
export function curlCommand(c: CaptureView): string {
  const url = `${c.hostUrl ?? 'http://HOST:8080'}${c.reqPath}`;
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const lines = [`curl ${quote(url)}`, `  -H 'Content-Type: application/json'`, `  -H "Authorization: Bearer $LLAMA_SWAP_API_KEY"`];
  const body = c.requestBody.kept && !c.requestBody.binary ? c.requestBody.text ?? '' : '';
  if (body) lines.push(`  --data-raw ${quote(body)}`);
  return lines.join(' \\\n');
}

async function copy(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // No clipboard permission (e.g. headless): the old way, through a selected text area.
    const area = document.createElement('textarea');
    area.value = text;
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch {
      ok = false;
    }
    area.remove();
    return ok;
  }
}

/** The drawer that shows one request's capture. */
export class Inspector {
  constructor(private readonly drawer: HTMLElement) {
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.close();
    });
  }

  close(): void {
    this.drawer.hidden = true;
  }

  async open(hostId: string, epoch: number, activityId: number): Promise<void> {
    this.drawer.hidden = false;
    this.drawer.innerHTML = `${this.head(`${esc(hostId)} · epoch ${epoch} · row ${activityId}`)}<p class="muted">loading the capture…</p>`;
    this.wireClose();
    try {
      const c = await api<CaptureView>(
        `/api/hosts/${encodeURIComponent(hostId)}/activity/${epoch}/${activityId}/capture`,
      );
      this.render(c);
    } catch (e) {
      const message = e instanceof ApiError ? e.message : String(e);
      this.drawer.innerHTML = `${this.head(`${esc(hostId)} · epoch ${epoch} · row ${activityId}`)}
        <div class="capture-missing" id="capture-missing"><strong>No capture to show.</strong><p>${esc(message)}</p></div>`;
      this.wireClose();
    }
  }

  private head(title: string): string {
    return `<div class="inspector-head"><h3>Capture · ${title}</h3><button class="link close" id="inspector-close">close</button></div>`;
  }

  private wireClose(): void {
    this.drawer.querySelector('#inspector-close')?.addEventListener('click', () => this.close());
  }

  private render(c: CaptureView): void {
    const s = c.stream;
    const response = s
      ? `<h4>Final message</h4>
         <pre class="final-text" id="inspector-final">${esc(s.content)}</pre>
         ${s.reasoning ? `<h4>Reasoning</h4><pre class="final-text muted">${esc(s.reasoning)}</pre>` : ''}
         <p class="small">finish reason <b>${esc(s.finishReason ?? 'none')}</b> · ${esc(usageText(s.usage))} · ${s.chunks} chunks${s.done ? '' : ' · <span class="warn">no [DONE]</span>'}</p>
         ${s.loadingPrelude ? `<p class="small muted">llama-swap loading notice: ${esc(s.loadingPrelude)}</p>` : ''}
         ${s.errors.length ? `<p class="error">${s.errors.map(esc).join('<br>')}</p>` : ''}
         <details><summary>Raw stream (${c.responseBody.sizeBytes.toLocaleString()} bytes)</summary><pre class="code raw">${esc(c.responseBody.text ?? '')}</pre></details>`
      : `<h4>Response body</h4>${bodyHtml(c.responseBody, 'response body')}`;
    this.drawer.innerHTML = `${this.head(`${esc(c.hostId)} · epoch ${c.epoch} · row ${c.activityId}`)}
      <p class="small muted">POST ${esc(c.reqPath)} · from the <b id="inspector-source">${c.source === 'host' ? 'host' : 'capture vault'}</b></p>
      <div class="inspector-actions"><button id="inspector-playground">Open in Playground</button><span id="inspector-copied" class="small muted" role="status"></span></div>
      <div class="inspector-grid">
        <section><h4>Request headers</h4>${headersHtml(c.requestHeaders, 'request headers')}
          <h4>Request body</h4>${bodyHtml(c.requestBody, 'request body')}</section>
        <section><h4>Response headers</h4>${headersHtml(c.responseHeaders, 'response headers')}${response}</section>
      </div>`;
    this.wireClose();
    this.drawer.querySelector('#inspector-playground')!.addEventListener('click', async () => {
      const status = this.drawer.querySelector('#inspector-copied') as HTMLElement;
      const cmd = curlCommand(c);
      const ok = await copy(cmd);
      status.textContent = ok
        ? 'The playground is not built yet: a curl command for this request was copied to the clipboard (set LLAMA_SWAP_API_KEY first).'
        : 'The playground is not built yet, and the clipboard refused the copy; here is the curl command:';
      let pre = this.drawer.querySelector('#inspector-curl') as HTMLElement | null;
      if (!pre) {
        pre = document.createElement('pre');
        pre.id = 'inspector-curl';
        pre.className = 'code';
        status.parentElement!.after(pre);
      }
      pre.textContent = cmd;
    });
  }
}

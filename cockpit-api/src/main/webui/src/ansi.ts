/** Terminal colours (ANSI SGR) of log text as HTML spans; every other escape sequence is dropped. */

const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

// CSI sequences (ESC [ params final) and the lone ESC of anything else.
const ESCAPE = /\x1b\[([0-9;?]*)([@-~])|\x1b/g;

interface Style {
  fg?: number;
  bg?: number;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

function apply(style: Style, params: string): Style {
  const next = { ...style };
  const codes = params === '' ? [0] : params.split(';').map((p) => Number(p) || 0);
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i];
    if (c === 0) Object.keys(next).forEach((k) => delete next[k as keyof Style]);
    else if (c === 1) next.bold = true;
    else if (c === 2) next.dim = true;
    else if (c === 3) next.italic = true;
    else if (c === 4) next.underline = true;
    else if (c === 22) { next.bold = false; next.dim = false; }
    else if (c === 23) next.italic = false;
    else if (c === 24) next.underline = false;
    else if (c >= 30 && c <= 37) next.fg = c - 30;
    else if (c >= 90 && c <= 97) next.fg = c - 90 + 8;
    else if (c === 39) delete next.fg;
    else if (c >= 40 && c <= 47) next.bg = c - 40;
    else if (c >= 100 && c <= 107) next.bg = c - 100 + 8;
    else if (c === 49) delete next.bg;
    else if ((c === 38 || c === 48) && codes[i + 1] === 5) i += 2; // 256 colours: not mapped
    else if ((c === 38 || c === 48) && codes[i + 1] === 2) i += 4; // true colour: not mapped
  }
  return next;
}

function classes(s: Style): string {
  const out: string[] = [];
  if (s.fg !== undefined) out.push(`ansi-fg${s.fg}`);
  if (s.bg !== undefined) out.push(`ansi-bg${s.bg}`);
  if (s.bold) out.push('ansi-bold');
  if (s.dim) out.push('ansi-dim');
  if (s.italic) out.push('ansi-italic');
  if (s.underline) out.push('ansi-underline');
  return out.join(' ');
}

/** The text as escaped HTML with coloured spans. */
export function ansiToHtml(text: string): string {
  let html = '';
  let style: Style = {};
  let from = 0;
  const emit = (part: string) => {
    if (!part) return;
    const cls = classes(style);
    html += cls ? `<span class="${cls}">${esc(part)}</span>` : esc(part);
  };
  for (const m of text.matchAll(ESCAPE)) {
    emit(text.slice(from, m.index));
    if (m[2] === 'm') style = apply(style, m[1]);
    from = m.index! + m[0].length;
  }
  emit(text.slice(from));
  return html;
}

/** The text without escape sequences, for searching. */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPE, '');
}

// The live view's script (built by scripts/bundle.mjs into dist/capture/live/app.js). It gets
// redacted call reports over server-sent events and renders them with textContent only.

import type { LiveCall as Call } from '../types.js';

const calls: Call[] = [];
const rows = new Map<number, HTMLTableRowElement>();
let selected: number | undefined;

function byId<T extends HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing`);
  return el as T;
}

const tbody = byId<HTMLTableSectionElement>('calls');
const filter = byId<HTMLInputElement>('filter');
const show = byId<HTMLSelectElement>('show');
const counts = byId<HTMLElement>('counts');
const empty = byId<HTMLElement>('empty');
const detail = byId<HTMLElement>('detail');
// Calls to many hosts (capture --forward): a host column and a host filter.
const manyHosts = document.body.dataset['hosts'] === 'many';
const hostFilter = manyHosts ? byId<HTMLSelectElement>('host') : undefined;
const hostsSeen = new Set<string>();

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  text?: string,
  className?: string,
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function credentialText(c: Call['credential']): string {
  if (!c) return 'none';
  const where = c.where.startsWith('?') ? c.where.slice(0, -1) : `${c.where}:`;
  return `${where} ${c.scheme ? `${c.scheme} ` : ''}${c.visible}`;
}

/** The origin the app addressed (`https://api.example.com`), as the call's URL says. */
function originOf(c: Call): string {
  try {
    return new URL(c.url).origin;
  } catch {
    return c.url.slice(0, Math.max(0, c.url.length - c.path.length));
  }
}

function clock(iso: string): string {
  return new Date(iso).toLocaleTimeString([], { hour12: false });
}

function haystack(c: Call): string {
  return [
    c.method,
    ...(manyHosts ? [originOf(c)] : []),
    c.path,
    String(c.status ?? 'no answer'),
    c.verdict?.cause ?? '',
    c.verdict?.summary ?? '',
    credentialText(c.credential),
    ...c.findings.map((f) => f.id),
  ]
    .join(' ')
    .toLowerCase();
}

function visible(c: Call): boolean {
  if (show.value === 'refused' && !c.refused) return false;
  if (show.value === 'accepted' && c.refused) return false;
  if (hostFilter && hostFilter.value !== '' && originOf(c) !== hostFilter.value) return false;
  const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const text = haystack(c);
  return words.every((w) => text.includes(w));
}

function row(c: Call): HTMLTableRowElement {
  const tr = el('tr', undefined, `call ${c.refused ? 'refused' : 'accepted'}`);
  tr.dataset['id'] = String(c.id);
  tr.append(
    el('td', clock(c.time)),
    el('td', c.method),
    ...(manyHosts ? [el('td', originOf(c), 'host')] : []),
    el('td', c.path, 'path'),
    el('td', c.status === null ? 'no answer' : String(c.status), 'status'),
    el('td', String(c.elapsedMs)),
    el('td', credentialText(c.credential)),
    el('td', c.refused ? (c.verdict?.cause ?? c.verdict?.status ?? '') : '', 'cause'),
  );
  tr.addEventListener('click', () => select(c.id));
  return tr;
}

function refresh(): void {
  let shown = 0;
  for (const c of calls) {
    const tr = rows.get(c.id);
    if (!tr) continue;
    const on = visible(c);
    tr.hidden = !on;
    if (on) shown++;
  }
  const refused = calls.filter((c) => c.refused).length;
  counts.textContent = `${calls.length} calls · ${refused} refused${shown !== calls.length ? ` · ${shown} shown` : ''}`;
  empty.hidden = calls.length > 0;
}

function headerBlock(headers: Record<string, string>): HTMLPreElement {
  return el(
    'pre',
    Object.entries(headers)
      .map(([n, v]) => `${n}: ${v}`)
      .join('\n'),
  );
}

function select(id: number): void {
  const c = calls.find((x) => x.id === id);
  if (!c) return;
  if (selected !== undefined) rows.get(selected)?.classList.remove('selected');
  selected = id;
  rows.get(id)?.classList.add('selected');
  detail.replaceChildren();
  const where = manyHosts ? `${originOf(c)}${c.path}` : c.path;
  detail.append(el('h2', `${c.method} ${where} → ${c.status ?? 'no answer'}`));
  if (c.verdict) detail.append(el('p', c.verdict.summary));
  if (c.interrupted) detail.append(el('p', `Cut short: ${c.interrupted}`));
  if (c.credential) {
    detail.append(el('h3', 'credential as sent'));
    const hidden = c.credential.hidden.length ? ` · hidden: ${c.credential.hidden.join(', ')}` : '';
    detail.append(
      el(
        'pre',
        `${credentialText(c.credential)}\n${c.credential.length} chars · ${c.credential.fingerprint}${hidden}`,
      ),
    );
  }
  if (c.findings.length) {
    detail.append(el('h3', 'findings'));
    for (const f of c.findings) {
      const box = el('div', undefined, `finding ${f.severity}`);
      box.append(
        el('div', f.id, 'id'),
        el('div', f.title),
        el('div', `seen: ${f.evidence}`),
        el('div', `fix: ${f.fix}`, 'fix'),
      );
      detail.append(box);
    }
  }
  const x = c.exchange;
  if (x) {
    detail.append(el('h3', 'request'), el('pre', `${x.request.method} ${x.request.url}`));
    detail.append(headerBlock(x.request.headers));
    if (x.response) {
      detail.append(el('h3', `answer ${x.response.status}`), headerBlock(x.response.headers));
      if (x.response.body) detail.append(el('h3', 'body'), el('pre', x.response.body));
    } else if (x.error) detail.append(el('h3', 'no answer'), el('pre', x.error));
  }
}

/** A host seen for the first time joins the host filter, in order. */
function noteHost(c: Call): void {
  if (!hostFilter) return;
  const origin = originOf(c);
  if (hostsSeen.has(origin)) return;
  hostsSeen.add(origin);
  const option = el('option', origin);
  option.value = origin;
  const after = [...hostFilter.options].slice(1).find((o) => o.value > origin);
  hostFilter.insertBefore(option, after ?? null);
}

function add(c: Call): void {
  if (rows.has(c.id)) return;
  calls.push(c);
  noteHost(c);
  const tr = row(c);
  rows.set(c.id, tr);
  tr.hidden = !visible(c);
  tbody.prepend(tr);
  refresh();
}

filter.addEventListener('input', refresh);
show.addEventListener('change', refresh);
hostFilter?.addEventListener('change', refresh);

const events = new EventSource('/__why401/events');
events.addEventListener('message', (e: MessageEvent<string>) => {
  try {
    add(JSON.parse(e.data) as Call);
  } catch {
    // a malformed event is skipped; the next one still shows
  }
});

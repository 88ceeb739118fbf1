import { printable } from '../../secret/printable.js';

const STYLE = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1d232a; --dim: #6a737d; --line: #e3e6ea;
  --bad: #c62828; --good: #2e7d32; --warn: #b26a00; --sel: #e8f0fe; }
@media (prefers-color-scheme: dark) { :root { --bg: #15191e; --fg: #e6e9ed; --dim: #8b949e;
  --line: #2b3138; --bad: #ef5350; --good: #66bb6a; --warn: #ffa726; --sel: #1f2a3a; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, sans-serif; background: var(--bg); color: var(--fg); }
header { display: flex; gap: 16px; align-items: center; padding: 10px 16px;
  border-bottom: 1px solid var(--line); flex-wrap: wrap; }
header h1 { font-size: 16px; margin: 0; }
header .target { color: var(--dim); font-family: ui-monospace, monospace; }
header .counts { margin-left: auto; color: var(--dim); }
.filters { display: flex; gap: 8px; }
input, select { font: inherit; padding: 4px 8px; border: 1px solid var(--line); border-radius: 4px;
  background: var(--bg); color: var(--fg); }
main { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); height: calc(100vh - 52px); }
.list { overflow: auto; border-right: 1px solid var(--line); }
table { border-collapse: collapse; width: 100%; font-family: ui-monospace, monospace; font-size: 13px; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); white-space: nowrap; }
th { position: sticky; top: 0; background: var(--bg); color: var(--dim); font-weight: 600; }
td.path, td.host { max-width: 320px; overflow: hidden; text-overflow: ellipsis; }
td.host { max-width: 240px; color: var(--dim); }
select#host { max-width: 240px; }
tr.call { cursor: pointer; }
tr.call:hover, tr.call.selected { background: var(--sel); }
tr.refused .status, tr.refused .cause { color: var(--bad); font-weight: 600; }
tr.accepted .status { color: var(--good); }
.detail { overflow: auto; padding: 12px 16px; }
.detail h2 { font-size: 15px; margin: 0 0 8px; }
.detail h3 { font-size: 13px; margin: 16px 0 6px; color: var(--dim); text-transform: uppercase; }
.finding { border-left: 3px solid var(--bad); padding: 4px 10px; margin: 8px 0; }
.finding.warning { border-color: var(--warn); } .finding.info { border-color: var(--dim); }
.finding .id { font-family: ui-monospace, monospace; font-weight: 600; }
.finding .fix { margin-top: 4px; }
pre { white-space: pre-wrap; word-break: break-all; font-size: 12px; margin: 0;
  background: color-mix(in srgb, var(--line) 40%, transparent); padding: 8px; border-radius: 4px; }
.empty { color: var(--dim); padding: 24px 16px; }
`;

/** Markup-safe and printable (a bidi control in the target would reorder the title). */
function escapeHtml(text: string): string {
  return printable(text).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}

/** What the page is a view of. */
export interface LiveScope {
  /** What the header names: the target's origin, or the forward proxy's address. */
  readonly label: string;
  /** Calls go to many hosts (`capture --forward`): a host column and a host filter. */
  readonly manyHosts: boolean;
}

/** The live view's page: the list, the filters, the detail pane; app.js fills them. */
export function livePage(scope: LiveScope): string {
  const label = escapeHtml(scope.label);
  const many = scope.manyHosts;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>why401 capture · ${label}</title>
<style>${STYLE}</style>
</head>
<body data-hosts="${many ? 'many' : 'one'}">
<header>
  <h1>why401 capture</h1>
  <span class="target">${many ? `forward proxy ${label}` : `→ ${label}`}</span>
  <div class="filters">
    <input id="filter" type="search" placeholder="filter: ${many ? 'host, ' : ''}path, status, finding…" aria-label="filter">${
      many
        ? `
    <select id="host" aria-label="host">
      <option value="">all hosts</option>
    </select>`
        : ''
    }
    <select id="show" aria-label="show">
      <option value="all">all calls</option>
      <option value="refused">refused only</option>
      <option value="accepted">accepted only</option>
    </select>
  </div>
  <span class="counts" id="counts">waiting for calls…</span>
</header>
<main>
  <section class="list">
    <table>
      <thead><tr><th>time</th><th>method</th>${many ? '<th>host</th>' : ''}<th>path</th><th>status</th><th>ms</th><th>credential</th><th>cause</th></tr></thead>
      <tbody id="calls"></tbody>
    </table>
    <p class="empty" id="empty">No calls yet: ${
      many
        ? `point your app's HTTPS_PROXY and HTTP_PROXY at ${label} (and have it trust the run's CA).`
        : "point your app's base URL at this address."
    }</p>
  </section>
  <section class="detail" id="detail"><p class="empty">Click a call to see its detail.</p></section>
</main>
<script src="/__why401/app.js"></script>
</body>
</html>
`;
}

// The frame every page shares: title, navigation, styles, and the scripts a
// chart needs. Links are relative to the page (`root` leads back to the
// site's root), so the static copy works from any folder or artifact store.
import { html, trustedHtml, type Html } from './html.js';
import { pagePath } from './page-url.js';

export interface PageFrame {
  title: string;
  /** `''` for a page at the root, `'../'` one folder down. */
  root: string;
  body: Html;
  /** Load vega, vega-lite and the site script (pages with charts). */
  charts?: boolean;
  /** Where the data came from, for the footer: "machine ci-1, 2026-12-06 09:00 UTC". */
  footer?: string;
}

export interface SitePage {
  status: 200 | 404;
  html: string;
}

/** Path from the root to the page `ref`, relative to a page at `root`. */
export function link(root: string, ref: Parameters<typeof pagePath>[0]): string {
  return root + pagePath(ref);
}

export function layout(frame: PageFrame): string {
  const { root } = frame;
  const scripts = frame.charts
    ? html`<script src="${root}assets/vega.min.js"></script><script src="${root}assets/vega-lite.min.js"></script><script src="${root}assets/site.js"></script>`
    : html`<script src="${root}assets/site.js"></script>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${frame.title} · perflab</title>
<style>${STYLE}</style>
</head>
<body>
<header><a class="brand" href="${link(root, { page: 'overview' })}">perflab</a><nav><a href="${link(root, { page: 'overview' })}">Overview</a><a href="${link(root, { page: 'findings' })}">Findings</a></nav></header>
<main>
${frame.body}
</main>
<footer>${frame.footer ?? ''} · read-only</footer>
${scripts}
</body>
</html>
`.text;
}

const STYLE = trustedHtml(`
:root { --fg: #1b1f24; --muted: #5f6b76; --line: #d8dee4; --bg: #f6f8fa; --bad: #c62828; --good: #2e7d32; --warn: #b26a00; --link: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 "DejaVu Sans", system-ui, sans-serif; color: var(--fg); background: #fff; }
header { display: flex; gap: 24px; align-items: center; padding: 10px 24px; background: #24292f; }
header a { color: #fff; text-decoration: none; } .brand { font-weight: bold; font-size: 16px; } nav a { margin-right: 16px; opacity: .85; }
main { padding: 16px 24px 32px; max-width: 1200px; }
footer { padding: 12px 24px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); }
h1 { font-size: 22px; margin: 8px 0 4px; } h2 { font-size: 17px; margin: 24px 0 8px; } h3 { font-size: 15px; margin: 16px 0 6px; }
a { color: var(--link); }
.sub { color: var(--muted); margin: 0 0 12px; }
table { border-collapse: collapse; margin: 4px 0 12px; }
th, td { text-align: left; padding: 4px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { background: var(--bg); font-weight: 600; white-space: nowrap; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font-family: "DejaVu Sans Mono", ui-monospace, monospace; font-size: 12.5px; }
pre { background: var(--bg); padding: 10px; overflow-x: auto; border: 1px solid var(--line); border-radius: 4px; }
.verdict { padding: 1px 7px; border-radius: 10px; font-size: 12px; background: var(--bg); border: 1px solid var(--line); white-space: nowrap; }
.v-regressed, .s-open, .s-new, .s-regressed { color: var(--bad); border-color: var(--bad); }
.v-improved, .s-fixed, .s-accepted { color: var(--good); border-color: var(--good); }
.v-unstable, .s-investigating { color: var(--warn); border-color: var(--warn); }
.empty { color: var(--muted); font-style: italic; }
.chart { min-height: 460px; } .spark { width: 160px; height: 32px; }
#point { min-height: 2.6em; padding: 8px 10px; background: var(--bg); border: 1px solid var(--line); border-radius: 4px; margin: 6px 0 12px; }
#point.empty { font-style: normal; }
.cards { display: flex; gap: 12px; flex-wrap: wrap; } .card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.card b { display: block; font-size: 20px; }
input[type=search] { font: inherit; padding: 6px 8px; width: 320px; border: 1px solid var(--line); border-radius: 4px; }
.finding { border: 1px solid var(--line); border-radius: 6px; padding: 4px 14px 10px; margin: 12px 0; }
`);

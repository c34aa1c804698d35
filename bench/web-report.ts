// The web scenario's figures as Markdown for the results file, and as the table
// the run prints when it ends.
import type { Latency } from './scenarios';
import type { WebResult } from './web';

const n = (value: number, digits = 0) =>
  Number.isNaN(value)
    ? '–'
    : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const kb = (bytes: number) => n(bytes / 1024, 1);
const met = (ok: boolean) => (ok ? 'met' : '**missed**');
const ms = (l: Latency) => `${n(l.p50, 1)} / ${n(l.p95, 1)}`;

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The three figures against their goals, one row each. */
export function webSummary(r: WebResult): string {
  return table(
    ['figure', 'measured', 'goal', ''],
    [
      [
        `dashboard, time to first render (median / p95 of ${r.dashboard.count} cold loads)`,
        `${ms(r.dashboard)} ms`,
        `< ${n(r.goals.dashboardMs)} ms`,
        met(r.dashboard.p95 < r.goals.dashboardMs),
      ],
      [`baseline: the app's sign-in page, same loads (median / p95)`, `${ms(r.signIn)} ms`, '', ''],
      [
        `product table, filter round trip (p50 / p95 of ${r.filter.count})`,
        `${ms(r.filter)} ms`,
        `< ${n(r.goals.filterMs)} ms`,
        met(r.filter.p95 < r.goals.filterMs),
      ],
      [
        `JavaScript the dashboard load fetched (${r.js.dashboard.length} files), gzip`,
        `${kb(r.js.dashboardGzipBytes)} KB`,
        `< ${n(r.goals.dashboardJsGzipKb)} KB`,
        met(r.js.dashboardGzipBytes / 1024 < r.goals.dashboardJsGzipKb),
      ],
      [`all JavaScript of the build (${r.js.dist.files} files), gzip`, `${kb(r.js.dist.gzipBytes)} KB`, '', ''],
    ],
  );
}

export function webMarkdown(r: WebResult): string[] {
  const s = r.setup;
  const out: string[] = ['## Web app: the dashboard, the product table and the JavaScript', ''];
  out.push(
    `The API (a child process, as in the API scenario) served the app built from the sources by \`vite build\` ` +
      `in this run. Cycle ${s.cycle}, a rehearsal started through the engine, with ${n(s.products)} products of ` +
      `${n(s.subjects)} subjects written straight into the read model (as in the API scenario). Chromium ${s.chromium} ` +
      'headless, 1280×800, driven by playwright-core; the coordinator (nong.thi.ha, the whole province) signed in ' +
      "once through the provider's login page and every load reuses the session the app stored.",
    '',
    `- _Dashboard_: ${s.loads} cold loads (each in a new browser context: empty cache, the stored session put ` +
      `back in session storage before any script ran) of \`/cycles/${s.cycle}\`, after 2 not counted; each from ` +
      'navigation start to the animation frame after `[data-testid=dashboard][data-ready=true]` appeared, on the ' +
      "page's own clock. The baseline is the app's sign-in page in the same conditions (no session), until its " +
      'button renders, loaded alternately with the dashboard. Goal met when the p95 is under the goal.',
    `- _Filter_: on \`/products?cycle=${s.cycle}\`, ${s.filters} changes of the stage or the district select (after 5 ` +
      "not counted), each asking for a list the page had not loaded, from the select's change event to the " +
      'frame after `[data-testid=products-table]` went from `data-loading=true` back to `false` showing rows.',
    '- _JavaScript_: every script response of one more cold dashboard load; gzip is zlib level 6 of each body, ' +
      (r.js.compressedByApi
        ? 'beside what the API sent compressed.'
        : 'measured by the bench: **the API sent the JavaScript uncompressed** (no Content-Encoding).'),
    '',
    webSummary(r),
    '',
    table(
      ['script the dashboard fetched', 'bytes', 'Content-Encoding', 'on the wire', 'gzip'],
      r.js.dashboard.map((f) => [`\`${f.path}\``, n(f.bytes), f.encoding ?? 'none', n(f.transferred), n(f.gzip)]),
    ),
    '',
    `One cold load of the dashboard, request by request (ms from navigation start; rendered at ${n(r.sampleLoad.renderedMs)} ms):`,
    '',
    table(
      ['request', 'kind', 'start ms', 'end ms'],
      r.sampleLoad.waterfall.map((f) => [`\`${f.path}\``, f.kind, n(f.start), n(f.end)]),
    ),
    '',
    `All JavaScript of the build: ${r.js.dist.files} files, ${kb(r.js.dist.bytes)} KB, ${kb(r.js.dist.gzipBytes)} KB gzip.`,
    '',
    r.errors.length
      ? `**Pages logged ${r.errors.length} errors**, e.g.: ${r.errors.slice(0, 3).join('; ')}`
      : 'No page logged a console error or an uncaught exception.',
    '',
  );
  return out;
}

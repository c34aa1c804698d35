// The API scenario's tables in the results' Markdown.
import type { ApiResult } from './api';
import type { Latency } from './scenarios';

const n = (value: number | null | undefined, digits = 0) =>
  value === null || value === undefined || Number.isNaN(value)
    ? '–'
    : value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (l: Latency) => `${n(l.p50, 1)} / ${n(l.p95, 1)} / ${n(l.p99, 1)}`;
const met = (ok: boolean) => (ok ? 'met' : '**missed**');

function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export function apiMarkdown(r: ApiResult): string[] {
  const out: string[] = [];
  out.push('## API: the service API against Temporal itself', '');
  out.push(
    `The API ran as a ${r.setup.api}, Fastify's request log at ${r.setup.logLevel}, rate limit raised to ` +
      `${n(r.setup.rateLimitPerMinute)} a minute; tokens from the dev OpenID provider (password grant), verified ` +
      'by the API against its JWKS like any other.',
    '',
  );
  out.push(`### Actions: extendDeadline by the coordinator on ${n(r.setup.actionProducts)} products`, '');
  out.push(
    `At each level every product sent ${r.setup.rounds} pairs: one Update through ` +
      '`POST /v1/products/{id}/deadline-extensions` and one with `OcopClient.act` (same payload, same actor: ' +
      'the principal and grant the API picks), interleaved, alternating which goes first, after 10 pairs of ' +
      `warm-up. Goal: API ÷ direct at most ${n(r.goals.actionRatio, 1)}×.`,
    '',
  );
  out.push(
    table(
      [
        'in flight',
        'API p50 / p95 / p99 ms',
        'direct p50 / p95 / p99 ms',
        'API ÷ direct, p50',
        'API ÷ direct, p95',
        'goal',
        'API CPU ms/action',
        'failed',
      ],
      r.actions.map((a) => [
        n(a.concurrency),
        ms(a.api),
        ms(a.direct),
        `${n(a.ratio.p50, 2)}×`,
        `${n(a.ratio.p95, 2)}×`,
        met(a.ratio.p50 <= r.goals.actionRatio && a.ratio.p95 <= r.goals.actionRatio),
        n(a.apiCpuMsPerAction, 1),
        n(a.failures.count),
      ]),
    ),
    '',
  );
  for (const a of r.actions) for (const f of a.failures.first) out.push(`- ${a.concurrency} in flight: ${f}`);

  out.push(
    `### Product list: ${n(r.setup.listProducts)} products of ${r.setup.listCycle}, one request at a time`,
    '',
    'Rows inserted straight into `products`: the list reads only the read model. ' +
      `\`GET /v1/products?cycle=${r.setup.listCycle}&limit=50\` with the shapes below in turn, following ` +
      `\`nextCursor\` where the shape says. Goal: p95 under ${n(r.goals.listP95Ms)} ms.`,
    '',
  );
  out.push(
    table(
      ['reader', 'requests', 'p50 / p95 / p99 ms', 'max ms', 'goal', 'items out of scope', 'empty first pages'],
      r.list.map((l) => [
        `${l.login} (${l.scope})`,
        n(l.all.count),
        ms(l.all),
        n(l.all.max, 1),
        met(l.all.p95 < r.goals.listP95Ms),
        n(l.outOfScope),
        n(l.emptyFirstPages),
      ]),
    ),
    '',
  );
  out.push(
    table(
      ['reader', 'shape', 'requests', 'p50 / p95 ms'],
      r.list.flatMap((l) =>
        Object.entries(l.byShape).map(([shape, s]) => [l.login, shape, n(s.count), `${n(s.p50, 1)} / ${n(s.p95, 1)}`]),
      ),
    ),
    '',
  );
  out.push('### My tasks: `GET /v1/tasks` over the same products, one request at a time', '');
  out.push(
    table(
      ['reader', 'requests', 'p50 / p95 / p99 ms', 'max ms', 'tasks in the answer'],
      r.tasks.map((t) => [
        `${t.login} (${t.scope})`,
        n(t.latency.count),
        ms(t.latency),
        n(t.latency.max, 1),
        n(t.tasks),
      ]),
    ),
    '',
  );
  if (r.apiMemory) {
    out.push(`API process at the end: ${n(r.apiMemory.rssMb)} MB resident, ${n(r.apiMemory.peakRssMb)} MB peak.`, '');
  }
  return out;
}

// `npm run chaos -- --short` as CI runs it: 50 products through their whole
// compressed lifecycle on a PostgreSQL cluster and a dev server of the run's
// own, under 5 worker SIGKILLs, a dev-server restart and a PostgreSQL restart.
// The worker is the built one (dist/), on the run's workflow bundle.
import path from 'node:path';
import { consoleReport } from '../../scripts/chaos/report';
import { type ChaosResult, runChaos } from '../../scripts/chaos/run';
import { ROOT, workflowBundle } from '../support/env';

describe('the short chaos run', () => {
  let result: ChaosResult;

  beforeAll(async () => {
    const lines: string[] = [];
    try {
      result = await runChaos({
        ...{ products: 50, kills: 5, temporalRestarts: 1, postgresRestarts: 1, concurrency: 20 },
        seed: 13,
        build: { workerScript: path.join(ROOT, 'dist/worker/main.js'), workflowBundle: workflowBundle() },
        log: (line) => void lines.push(line),
      });
    } finally {
      if (process.env.OCOP_TEST_CHAOS_LOG) console.log([...lines, result && consoleReport(result)].join('\n'));
    }
  }, 600_000);

  it('struck every fault it planned, and the engine moved again after each', () => {
    expect(result.faults.map((f) => f.kind).sort()).toEqual([
      'postgres-restart',
      'temporal-restart',
      ...Array<string>(5).fill('worker-kill'),
    ]);
    expect(result.faults.filter((f) => f.recoveredAt === null)).toEqual([]);
  });

  it('lost, doubled and left stuck nothing, and sent every notice', () => {
    expect(result.tally).toMatchObject({ lost: 0, duplicated: 0, stuck: 0, noticesMissing: 0 });
    expect(result.verification.differences).toEqual([]);
    expect(result.finalStages).toEqual({ EXPIRED: 50 });
  });

  it('kept the same worker through the PostgreSQL restart, with no help', () => {
    expect(result.pidsAcrossPostgresRestarts).toHaveLength(1);
    expect(result.workerKeptAcrossPostgresRestarts).toBe(true);
    expect(result.unexpectedWorkerExits).toEqual([]);
  });
});

// Recorded workflow histories under test/histories/<workflow>/, replayed
// against the current workflow code: a change that would take an open
// workflow down another path fails replay and needs `patched()`.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as proto from '@temporalio/proto';
import { patchProtobufRoot } from '@temporalio/proto/lib/patch-protobuf-root';
import type { WorkflowHandleWithFirstExecutionRunId } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database';
import { openDb, runningWorker, startTimeSkipping, workflowBundle } from './env';

export type History = proto.temporal.api.history.v1.IHistory;
export type HistoryEvent = proto.temporal.api.history.v1.IHistoryEvent;
export const { EventType } = proto.temporal.api.enums.v1;

/** Set to record the current code's histories beside the committed ones. */
const RECORDING = process.env.OCOP_RECORD_HISTORIES === '1';
const RECORDING_QUEUE = 'record-histories';

// historyToJSON and historyFromJSON of @temporalio/common 1.24 throw "type must be a Type" in this
// install: npm nests one copy of protobufjs 8 under @temporalio/common and another under
// @temporalio/proto (grpc's protobufjs 7 holds the root), and protojson checks `instanceof` across
// the two. These do the same conversion, with the copy that @temporalio/proto's types belong to.
interface ProtoJson {
  toJson(type: unknown, message: unknown): unknown;
  fromJson(type: unknown, json: unknown): History | null;
}
const root = patchProtobufRoot(proto) as unknown as { lookupType(name: string): unknown };
const historyType = root.lookupType('temporal.api.history.v1.History');
const protojson = import(
  require.resolve('protobufjs/ext/protojson', {
    paths: [path.dirname(require.resolve('@temporalio/proto/package.json'))],
  })
) as Promise<ProtoJson>;

/** The histories of one workflow type, each file a run. */
export class HistoryShelf {
  readonly dir: string;

  constructor(workflow: string) {
    this.dir = path.resolve(__dirname, '..', 'histories', workflow);
  }

  files(): string[] {
    return readdirSync(this.dir)
      .filter((file) => file.endsWith('.json'))
      .sort();
  }

  /** A decoded History: given the JSON itself, the replayer would parse it with the broken historyFromJSON. */
  async load(file: string): Promise<History> {
    const json: unknown = JSON.parse(readFileSync(path.join(this.dir, file), 'utf8'));
    const history = (await protojson).fromJson(historyType, json);
    if (!history) throw new Error(`${file}: not a Temporal history`);
    return history;
  }

  async save(file: string, history: History): Promise<void> {
    const json = (await protojson).toJson(historyType, proto.temporal.api.history.v1.History.fromObject(history));
    writeFileSync(path.join(this.dir, file), JSON.stringify(json, null, 2) + '\n');
  }

  /** Replays every file; returns one line per history that failed, with its error. */
  async replayFailures(): Promise<string[]> {
    const histories = await Promise.all(
      this.files().map(async (file) => ({ workflowId: file.replace(/\.json$/, ''), history: await this.load(file) })),
    );
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: { codePath: workflowBundle() } },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    return failures;
  }
}

/** The ids of the patches whose markers a history carries, sorted. */
export function patchesIn(events: HistoryEvent[]): string[] {
  const ids = events.flatMap((e) =>
    (e.markerRecordedEventAttributes?.details?.['patch-data']?.payloads ?? []).map(
      (payload) => (JSON.parse(Buffer.from(payload.data ?? []).toString('utf8')) as { id: string }).id,
    ),
  );
  return [...new Set(ids)].sort();
}

/** A recorded run: `<version>-<lifecycle>.run-<n>.json`, one file for each run of a continue-as-new chain. */
function parseFile(file: string): { version: string; chain: string; run: number } {
  const match = /^(v\d+)-(.+)\.run-(\d+)\.json$/.exec(file);
  if (!match?.[1] || !match[2] || !match[3]) throw new Error(`${file}: not named <version>-<lifecycle>.run-<n>.json`);
  return { version: match[1], chain: `${match[1]}-${match[2]}`, run: Number(match[3]) };
}

/**
 * What a shelf must hold: every lifecycle recorded by the current version
 * (older versions keep those they recorded); each chain of runs starting,
 * continuing as new between its runs and completing with its last; and each
 * version's histories carrying exactly the patches that set it apart.
 */
async function expectVersionedHistories(
  shelf: HistoryShelf,
  patches: Record<string, string[]>,
  lifecycles: string[],
  current: string,
): Promise<void> {
  const chains = new Map<string, { version: string; runs: string[] }>();
  for (const file of shelf.files()) {
    const { version, chain, run } = parseFile(file);
    expect([file, version in patches]).toEqual([file, true]);
    const entry = chains.get(chain) ?? { version, runs: [] };
    entry.runs[run - 1] = file;
    chains.set(chain, entry);
  }
  for (const lifecycle of lifecycles) expect([...chains.keys()]).toContain(`${current}-${lifecycle}`);
  const marked = new Map<string, Set<string>>();
  for (const [chain, { version, runs }] of chains) {
    expect([chain, lifecycles.some((l) => chain === `${version}-${l}`)]).toEqual([chain, true]);
    const histories = await Promise.all(runs.map(async (file) => (await shelf.load(file)).events ?? []));
    expect([chain, histories.every(Boolean)]).toEqual([chain, true]);
    expect(histories[0]?.[0]?.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_STARTED);
    histories.forEach((events, i) =>
      expect([chain, i + 1, events.at(-1)?.eventType]).toEqual([
        chain,
        i + 1,
        i === histories.length - 1
          ? EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED
          : EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW,
      ]),
    );
    const found = patchesIn(histories.flat());
    expect([chain, found.filter((p) => !patches[version]?.includes(p))]).toEqual([chain, []]);
    for (const patch of found) marked.set(version, (marked.get(version) ?? new Set()).add(patch));
  }
  for (const [version, expected] of Object.entries(patches)) {
    expect([version, [...(marked.get(version) ?? [])].sort()]).toEqual([version, expected]);
  }
}

/** A lifecycle to record: it runs one workflow to its end on the time-skipping server and returns its handle. */
export type Lifecycle = (
  env: TestWorkflowEnvironment,
  taskQueue: string,
  db: Kysely<Database>,
) => Promise<WorkflowHandleWithFirstExecutionRunId>;

/**
 * The replay tests of one workflow type. The shelf must hold what
 * expectVersionedHistories says, and every history on it must replay. With
 * OCOP_RECORD_HISTORIES=1 the current code first records each lifecycle as
 * version `current`: the first and the last run of its chain.
 */
export function replayTests(
  shelf: HistoryShelf,
  {
    patches,
    lifecycles,
    current,
  }: { patches: Record<string, string[]>; lifecycles: Record<string, Lifecycle>; current: string },
): void {
  if (RECORDING) {
    it('records the lifecycles from the current code', async () => {
      const env = await startTimeSkipping();
      const db = openDb();
      const worker = await runningWorker(env, RECORDING_QUEUE, db);
      try {
        for (const [name, run] of Object.entries(lifecycles)) {
          const handle = await run(env, RECORDING_QUEUE, db);
          const lastRun = (await handle.describe()).runId;
          const runs = [...new Set([handle.firstExecutionRunId, lastRun])];
          for (const [index, runId] of runs.entries()) {
            const history = await env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory();
            await shelf.save(`${current}-${name}.run-${index + 1}.json`, history);
          }
        }
      } finally {
        await worker.stop();
        await env.teardown();
        await db.destroy();
      }
    }, 60_000);
  }

  it('holds each lifecycle to its end, each version with the patches that set it apart', async () => {
    await expectVersionedHistories(shelf, patches, Object.keys(lifecycles), current);
  });

  it('replays every history without nondeterminism', async () => {
    expect(shelf.files().length).toBeGreaterThanOrEqual(Object.keys(patches).length);
    expect(await shelf.replayFailures()).toEqual([]);
  });
}

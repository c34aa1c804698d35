// The bare lifecycle: the Temporal work of one product lifecycle and nothing
// else. The same Updates, activities, timers and continue-as-new as the
// product application on the bench's calendar, with empty bodies, so that the
// engine's figures over these are what our code costs over Temporal itself.
import {
  allHandlersFinished,
  ApplicationFailure,
  CancellationScope,
  condition,
  continueAsNew,
  defineUpdate,
  proxyActivities,
  setHandler,
  sleep,
} from '@temporalio/workflow';

export interface BareActivities {
  noop(): Promise<void>;
}

const { noop } = proxyActivities<BareActivities>({ startToCloseTimeout: '30 seconds' });

/** One Update for every human action; its argument names the action, as the engine's Update names do. */
export const act = defineUpdate<void, [string]>('act');

export interface BareCalendar {
  certificateValidityMs: number;
  postInspectionIntervalMs: number;
  expiryNoticeLeadMs: number;
}

export interface BareRun {
  calendar: BareCalendar;
  /** Set on the post-inspection run: when the certificate was issued. */
  certifiedAt?: number;
}

/** The engine's waits before certification last days; only the Update ends them in the bench. */
const FAR_MS = 30 * 24 * 60 * 60 * 1000;

/** The actions before certification, and how many activities the engine runs for each. */
const APPLY: readonly [string, number][] = [
  ['submitDossier', 1],
  ['reviewDossier', 1],
  ['recordCouncilResult', 2],
  ['recordRecognitionDecision', 2],
];

export async function bareLifecycle(run: BareRun): Promise<void> {
  const { certificateValidityMs, postInspectionIntervalMs, expiryNoticeLeadMs } = run.calendar;
  const rounds = Math.floor(certificateValidityMs / postInspectionIntervalMs);
  // As the engine's inbox does, the next action is accepted while the story still works on the previous one.
  const plan =
    run.certifiedAt === undefined ? APPLY.map(([action]) => action) : Array<string>(rounds).fill('recordInspection');
  let next = 0;
  let taken = false;
  let answered = 0;
  setHandler(
    act,
    async () => {
      taken = true;
      const mine = answered;
      await condition(() => answered > mine);
    },
    {
      validator: (action) => {
        if (action !== plan[next] || taken) {
          throw ApplicationFailure.create({
            type: 'WrongStage',
            message: `${action} is not awaited`,
            nonRetryable: true,
          });
        }
      },
    },
  );

  /** Waits for the next action until `timeoutMs` (a timer, as the engine's deadline), then runs its activities. */
  const expect = async (timeoutMs: number, activities: number) => {
    if (!(await condition(() => taken, Math.max(1, timeoutMs)))) {
      throw ApplicationFailure.create({ message: `${plan[next]} did not come in time`, nonRetryable: true });
    }
    for (let i = 0; i < activities; i++) await noop();
    taken = false;
    next += 1;
    answered += 1;
  };

  if (run.certifiedAt === undefined) {
    await noop();
    for (const [, activities] of APPLY) await expect(FAR_MS, activities);
    await condition(allHandlersFinished);
    return continueAsNew<typeof bareLifecycle>({ ...run, certifiedAt: Date.now() });
  }

  const expiresAt = run.certifiedAt + certificateValidityMs;
  const notice = CancellationScope.cancellable(async () => {
    await sleep(Math.max(1, expiresAt - expiryNoticeLeadMs - Date.now()));
    await noop();
  });
  await noop();
  for (let round = 1; round <= rounds; round++) {
    await expect(run.certifiedAt + round * postInspectionIntervalMs - Date.now(), 2);
  }
  await sleep(Math.max(1, expiresAt - Date.now()));
  await notice;
  await noop();
  await noop();
}

/** An Update answered at once, with no activity: Temporal's own round trip on this stack, the floor. */
export const ping = defineUpdate<number, [number]>('ping');

export async function bareFloor(): Promise<void> {
  setHandler(ping, (n) => n);
  // Waits until the bench terminates it: the floor's workflows never end by themselves.
  await condition(() => false);
}

// The typed client library over @temporalio/client. The `ocop` command, the
// demo and the tests act through it, as a province's users would.
import {
  Client,
  Connection,
  ScheduleAlreadyRunning,
  ServiceError,
  type WorkflowHandle,
  WorkflowExecutionAlreadyStartedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  WorkflowUpdateStage,
} from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { z } from 'zod';
import type { Config } from '../worker/config';
import { temporalConnectionOptions } from '../worker/connections';
import { dataConverterFor } from '../worker/payload-codec';
import {
  type CycleInput,
  CycleInput as CycleInputSchema,
  type CycleState,
  cycleFromTemplate,
  type CycleTemplate,
  CycleTemplate as CycleTemplateSchema,
  type ExtendCalendar,
  ExtendCalendar as ExtendCalendarSchema,
  type RegisterProduct,
  RegisterProduct as RegisterProductSchema,
  RegisterProducts as RegisterProductsSchema,
  type RegistrationOutcome,
  ruleSetInForce,
} from '../domain/cycle';
import { cycleIdOf, cycleWorkflowId, productWorkflowId } from '../domain/ids';
import * as P from '../domain/product';
import type { ActionName } from '../domain/stages';
import * as cycleMessages from '../workflows/cycle/messages';
import { scheduledCycle } from '../workflows/cycle/scheduled';
import { annualCycle } from '../workflows/cycle/workflow';
import * as messages from '../workflows/product/messages';
import { productStartOptions } from '../workflows/product/start-options';
import { productApplicationV2 } from '../workflows/product/workflow';
import * as SA from '../workflows/search-attributes';
import { OcopError, parseOrThrow, translate } from './errors';

/** The day a Schedule starts a cycle; it must exist every year, so 29 February is refused. */
const YearlyStart = z
  .object({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) })
  .superRefine(({ month, day }, ctx) => {
    const days = new Date(Date.UTC(2023, month, 0)).getUTCDate();
    if (day > days)
      ctx.addIssue({ code: 'custom', path: ['day'], message: `must be at most ${days} in month ${month}` });
  });

export interface CycleScheduleView {
  scheduleId: string;
  nextRuns: string[];
  paused: boolean;
  recentRuns: number;
}

const MONTHS = [
  'JANUARY',
  'FEBRUARY',
  'MARCH',
  'APRIL',
  'MAY',
  'JUNE',
  'JULY',
  'AUGUST',
  'SEPTEMBER',
  'OCTOBER',
  'NOVEMBER',
  'DECEMBER',
] as const;

/** An action nobody answers must not hang a coordinator's terminal. */
const DEFAULT_ACTION_TIMEOUT_MS = 60_000;
/**
 * A query is answered by a worker from its cache or a replay; with no worker on
 * the queue the server would hold it for 30 s and then fail it as a plain
 * ServiceError. A reader (a page, a list) is better told in seconds.
 */
const QUERY_TIMEOUT_MS = 10_000;

/** The namespace and the payload encryption every client of the engine shares with its workers. */
function clientOptions(config: Config) {
  return { namespace: config.temporal.namespace, dataConverter: dataConverterFor(config.payloadKeys) };
}

export class OcopClient {
  constructor(
    readonly client: Client,
    readonly taskQueue: string,
    readonly actionTimeoutMs = DEFAULT_ACTION_TIMEOUT_MS,
  ) {}

  static async connect(config: Config): Promise<OcopClient> {
    try {
      const connection = await Connection.connect({
        ...temporalConnectionOptions(config),
        connectTimeout: '5 seconds',
      });
      return new OcopClient(
        new Client({ connection, ...clientOptions(config) }),
        config.temporal.taskQueue,
        config.temporal.actionTimeoutMs,
      );
    } catch {
      throw new OcopError(
        'Unavailable',
        `cannot reach Temporal at ${config.temporal.address}: the server is not reachable`,
      );
    }
  }

  /**
   * A client that connects on first use, for the API: what it reads from the
   * database (reports, the dashboard, product lists) it serves while Temporal is
   * down, and what needs Temporal answers 503 until the server is back.
   */
  static lazy(config: Config): OcopClient {
    const connection = Connection.lazy({ ...temporalConnectionOptions(config), connectTimeout: '5 seconds' });
    return new OcopClient(
      new Client({ connection, ...clientOptions(config) }),
      config.temporal.taskQueue,
      config.temporal.actionTimeoutMs,
    );
  }

  async close(): Promise<void> {
    await this.client.connection.close();
  }

  /**
   * Starts a product application. Repeating the same request is harmless: the
   * id is derived from the product, and an existing application is returned.
   */
  async startProductApplication(raw: P.ProductApplicationInput): Promise<{ productId: string; workflowId: string }> {
    const input = parseOrThrow(P.NewProductApplication, raw, 'product application');
    const options = productStartOptions(input);
    try {
      await this.client.workflow.start(productApplicationV2, {
        ...options,
        taskQueue: this.taskQueue,
        // Once ended, a second start must not open a new run under the id, whose transitions would
        // collide with the audit trail of the first. (A cycle's registrations reserve their ids instead.)
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError))
        throw translate(error, `product ${input.productId}`);
    }
    return { productId: input.productId, workflowId: options.workflowId };
  }

  /** Sends one human action as an Update and returns its answer: where the application stands after it. */
  async act<A extends ActionName>(productId: string, action: A, payload: P.ActionInput<A>): Promise<P.ActionAnswer> {
    parseOrThrow(P.ACTION_PARSERS[action], payload, action);
    const handle = this.client.workflow.getHandle(productWorkflowId(productId));
    return this.update(`${action} on product ${productId}`, `product ${productId}`, () =>
      onAcceptingRun(handle, messages.ACTION_UPDATES[action], payload),
    );
  }

  /** Sends an Update, and gives up with a reason when no worker answers in time. */
  private async update<T>(what: string, subject: string, send: () => Promise<T>): Promise<T> {
    await this.reachable(what);
    try {
      return await this.client.connection.withDeadline(Date.now() + this.actionTimeoutMs, send);
    } catch (error) {
      if (!(error instanceof WorkflowUpdateRPCTimeoutOrCancelledError)) throw translate(error, subject);
      const polled = await this.workersPolling().catch(() => undefined);
      if (polled === undefined) {
        throw new OcopError(
          'Unavailable',
          `${what}: cannot reach Temporal: no answer within ${this.actionTimeoutMs / 1000} s`,
        );
      }
      const why =
        polled === 0
          ? `no worker is polling task queue ${this.taskQueue}; start one (npm run worker)`
          : `the workers on task queue ${this.taskQueue} did not answer in time (busy, or the action waits behind another)`;
      // The server keeps the Update: a worker that comes later may still take it.
      throw new OcopError(
        'Unavailable',
        `${what}: no answer within ${this.actionTimeoutMs / 1000} s: ${why}. It may still be taken when a worker runs: check before sending it again`,
      );
    }
  }

  /**
   * A lazy connection (the API's) connects on first use: a server that cannot be
   * reached is said so at once, not after an Update's or a query's deadline.
   */
  private async reachable(what: string): Promise<void> {
    try {
      await this.client.connection.ensureConnected();
    } catch {
      throw new OcopError('Unavailable', `${what}: cannot reach Temporal: the server is not reachable`);
    }
  }

  /** How many workers poll the queue; asked only to explain a timeout, so it has a short deadline of its own. */
  private async workersPolling(): Promise<number> {
    const { pollers } = await this.client.connection.withDeadline(Date.now() + 2_000, () =>
      this.client.workflowService.describeTaskQueue({
        namespace: this.client.options.namespace,
        taskQueue: { name: this.taskQueue },
        taskQueueType: temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
      }),
    );
    return pollers?.length ?? 0;
  }

  /** Starts a province's annual cycle; starting the same cycle again is refused as AlreadyExists. */
  async startCycle(raw: CycleInput): Promise<{ cycleId: string; workflowId: string }> {
    const input = parseOrThrow(CycleInputSchema, raw, 'cycle');
    const id = cycleIdOf(input);
    const workflowId = cycleWorkflowId(id);
    try {
      await this.client.workflow.start(annualCycle, {
        workflowId,
        taskQueue: this.taskQueue,
        args: [input],
        // An ended cycle started again would open a run whose serials restart at 1 and collide with its registrations.
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
        staticSummary: `OCOP ${id} · ${input.ruleSetId ?? ruleSetInForce(input.calendar)}`,
        staticDetails: `Annual OCOP cycle ${id}: registration ${input.calendar.registrationOpens} to ${input.calendar.registrationCloses}, ends ${input.calendar.cycleEnds}`,
        typedSearchAttributes: [
          { key: SA.OcopCycle, value: id },
          { key: SA.OcopProvince, value: input.province },
          { key: SA.OcopYear, value: input.year },
        ],
      });
    } catch (error) {
      if (error instanceof WorkflowExecutionAlreadyStartedError) {
        throw new OcopError('AlreadyExists', `cycle ${id} is already started or has ended (workflow ${workflowId})`);
      }
      throw translate(error, `cycle ${id}`);
    }
    return { cycleId: id, workflowId };
  }

  /** Registers a product in a cycle; the cycle starts its application and returns its id. */
  async registerProduct(cycle: string, raw: RegisterProduct): Promise<{ productId: string; workflowId: string }> {
    parseOrThrow(RegisterProductSchema, raw, 'registerProduct');
    const handle = this.client.workflow.getHandle(cycleWorkflowId(cycle));
    return this.update(`registerProduct in cycle ${cycle}`, `cycle ${cycle}`, () =>
      onAcceptingRun(handle, cycleMessages.registerProduct, raw),
    );
  }

  /** Registers a batch in one Update, in order; each registration is answered on its own. */
  async registerProducts(cycle: string, registrations: RegisterProduct[]): Promise<RegistrationOutcome[]> {
    parseOrThrow(RegisterProductsSchema, { registrations }, 'registerProducts');
    const handle = this.client.workflow.getHandle(cycleWorkflowId(cycle));
    return this.update(`registerProducts in cycle ${cycle}`, `cycle ${cycle}`, () =>
      onAcceptingRun(handle, cycleMessages.registerProducts, { registrations }),
    );
  }

  async extendCalendar(cycle: string, raw: ExtendCalendar): Promise<CycleState> {
    parseOrThrow(ExtendCalendarSchema, raw, 'extendCalendar');
    const handle = this.client.workflow.getHandle(cycleWorkflowId(cycle));
    return this.update(`extendCalendar of cycle ${cycle}`, `cycle ${cycle}`, () =>
      onAcceptingRun(handle, cycleMessages.extendCalendar, raw),
    );
  }

  async cycleState(cycle: string): Promise<CycleState> {
    return this.query(`cycle ${cycle}`, () =>
      this.client.workflow.getHandle(cycleWorkflowId(cycle)).query(cycleMessages.cycleStateQuery),
    );
  }

  /** Runs a query, and gives up with a reason when no worker answers it in time. */
  private async query<T>(subject: string, ask: () => Promise<T>): Promise<T> {
    await this.reachable(subject);
    try {
      return await this.client.connection.withDeadline(Date.now() + QUERY_TIMEOUT_MS, ask);
    } catch (error) {
      const translated = translate(error, subject);
      if (translated instanceof OcopError) throw translated;
      if (error instanceof ServiceError && /failed to query/i.test(error.message)) {
        throw new OcopError(
          'Unavailable',
          `${subject}: its workflow did not answer within ${QUERY_TIMEOUT_MS / 1000} s (no worker polls its task queue, or the workers are busy)`,
        );
      }
      throw translated;
    }
  }

  /**
   * A Schedule that starts the province's cycle every year on the given day,
   * from a template of calendar offsets. Its id is per province, so creating it
   * twice is refused as AlreadyExists.
   */
  async createCycleSchedule(
    raw: CycleTemplate,
    on: { month: number; day: number } = { month: 1, day: 15 },
  ): Promise<{ scheduleId: string }> {
    const template = parseOrThrow(CycleTemplateSchema, raw, 'cycle template');
    parseOrThrow(YearlyStart, on, 'schedule');
    // Offsets out of order would only fail when the Schedule fires, a year from now.
    parseOrThrow(CycleInputSchema, cycleFromTemplate(template, new Date()), 'cycle template (offsets from today)');
    const scheduleId = cycleScheduleId(template.province, template.round);
    try {
      await this.client.schedule.create({
        scheduleId,
        // Vietnam has no daylight saving, so a fixed zone keeps the start at local midnight.
        spec: {
          calendars: [{ month: MONTHS[on.month - 1], dayOfMonth: on.day, hour: 0 }],
          timezone: 'Asia/Ho_Chi_Minh',
        },
        action: { type: 'startWorkflow', workflowType: scheduledCycle, args: [raw], taskQueue: this.taskQueue },
        memo: { province: template.province },
      });
    } catch (error) {
      if (error instanceof ScheduleAlreadyRunning) {
        throw new OcopError('AlreadyExists', `a schedule for province ${template.province} exists (${scheduleId})`);
      }
      throw translate(error, `schedule ${scheduleId}`);
    }
    return { scheduleId };
  }

  async describeCycleSchedule(province: string, round = 1): Promise<CycleScheduleView> {
    const scheduleId = cycleScheduleId(province, round);
    try {
      const description = await this.client.schedule.getHandle(scheduleId).describe();
      return {
        scheduleId,
        nextRuns: description.info.nextActionTimes.map((t) => t.toISOString()),
        paused: description.state.paused,
        recentRuns: description.info.recentActions.length,
      };
    } catch (error) {
      throw translate(error, `schedule ${scheduleId}`);
    }
  }

  async productState(productId: string): Promise<P.ProductState> {
    return this.query(`product ${productId}`, () =>
      this.client.workflow.getHandle(productWorkflowId(productId)).query(messages.stateQuery),
    );
  }
}

/**
 * Sends an Update and waits for its outcome on the run that accepted it.
 * executeUpdate polls the outcome by workflow id alone, so on the current run:
 * once the accepting run had continued as new (a certified application, a long
 * post-inspection, a cycle), the server answered NotFound for an Update the
 * workflow had taken (issue 13).
 */
async function onAcceptingRun<Ret, Arg>(
  handle: WorkflowHandle,
  definition: UpdateDefinition<Ret, [Arg]>,
  arg: Arg,
): Promise<Ret> {
  const update = await handle.startUpdate(definition, { args: [arg], waitForStage: WorkflowUpdateStage.ACCEPTED });
  return update.result();
}

/** One Schedule per province and round (đợt); the first round keeps the id Schedules had before rounds existed. */
function cycleScheduleId(province: string, round = 1): string {
  return `ocop-cycle-schedule-${province}${round > 1 ? `-D${round}` : ''}`;
}

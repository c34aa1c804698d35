// The typed client library over @temporalio/client. The `ocop` command, the
// demo and the tests act through it, as a province's users would.
import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { z } from 'zod';
import type { Config } from '../worker/config';
import { temporalConnectionOptions } from '../worker/connections';
import { productWorkflowId } from '../domain/ids';
import * as P from '../domain/product';
import type { ActionName } from '../domain/stages';
import * as messages from '../workflows/product/messages';
import { productApplication } from '../workflows/product/workflow';
import * as SA from '../workflows/search-attributes';
import { OcopError, parseOrThrow, translate } from './errors';

const ACTION_SCHEMAS = {
  submitDossier: P.SubmitDossier,
  reviewDossier: P.ReviewDossier,
  submitSupplement: P.SubmitSupplement,
  recordCouncilResult: P.RecordCouncilResult,
  recordInspection: P.RecordInspection,
  withdraw: P.Withdraw,
  extendDeadline: P.ExtendDeadline,
} as const satisfies Record<ActionName, unknown>;

export type ActionPayload<A extends ActionName> = z.input<(typeof ACTION_SCHEMAS)[A]>;

export class OcopClient {
  constructor(
    readonly client: Client,
    readonly taskQueue: string,
  ) {}

  static async connect(config: Config): Promise<OcopClient> {
    try {
      const connection = await Connection.connect({
        ...temporalConnectionOptions(config),
        connectTimeout: '5 seconds',
      });
      return new OcopClient(
        new Client({ connection, namespace: config.temporal.namespace }),
        config.temporal.taskQueue,
      );
    } catch {
      throw new OcopError(
        'Unavailable',
        `cannot reach Temporal at ${config.temporal.address}: the server is not reachable`,
      );
    }
  }

  async close(): Promise<void> {
    await this.client.connection.close();
  }

  /**
   * Starts a product application. Repeating the same request is harmless: the
   * id is derived from the product, and an existing application is returned.
   */
  async startProductApplication(raw: P.ProductApplicationInput): Promise<{ productId: string; workflowId: string }> {
    const input = parseOrThrow(P.ProductApplicationInput, raw, 'product application');
    const workflowId = productWorkflowId(input.productId);
    try {
      await this.client.workflow.start(productApplication, {
        workflowId,
        taskQueue: this.taskQueue,
        args: [{ input }],
        staticSummary: `${input.product.name} · ${input.subject.name} · ${input.cycleId}`,
        staticDetails: `OCOP product application (${input.kind}) under ${input.ruleSetId}; subject ${input.subject.id} (${input.subject.type}), group ${input.product.group}`,
        typedSearchAttributes: [
          { key: SA.OcopCycle, value: input.cycleId },
          { key: SA.OcopProvince, value: input.province },
          { key: SA.OcopYear, value: input.year },
          { key: SA.OcopProductGroup, value: input.product.group },
          { key: SA.OcopSubjectType, value: input.subject.type },
          { key: SA.OcopStage, value: 'REGISTERED' },
        ],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError))
        throw translate(error, `product ${input.productId}`);
    }
    return { productId: input.productId, workflowId };
  }

  /** Sends one human action as an Update and returns the state that follows. */
  async act<A extends ActionName>(productId: string, action: A, payload: ActionPayload<A>): Promise<P.ProductState> {
    parseOrThrow(ACTION_SCHEMAS[action], payload, action);
    try {
      const handle = this.client.workflow.getHandle(productWorkflowId(productId));
      return await handle.executeUpdate(messages[action] as typeof messages.submitDossier, {
        args: [payload as P.SubmitDossier],
      });
    } catch (error) {
      throw translate(error, `product ${productId}`);
    }
  }

  async productState(productId: string): Promise<P.ProductState> {
    try {
      return await this.client.workflow.getHandle(productWorkflowId(productId)).query(messages.stateQuery);
    } catch (error) {
      throw translate(error, `product ${productId}`);
    }
  }
}

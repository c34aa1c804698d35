// An upgrade (nâng hạng) or a re-evaluation (đánh giá lại) re-rates a product
// an earlier application certified. An upgrade must better its certificate or
// leave it alone; a re-evaluation rates it anew whatever the stars, and when it
// fails the certificate it would have renewed ends.
import type { WorkflowHandle } from '@temporalio/client';
import { productWorkflowId } from '../../domain/ids';
import type { ActionAnswer, ProductApplicationInput } from '../../domain/product';
import * as messages from '../../workflows/product/messages';
import { productApplication } from '../../workflows/product/workflow';
import { eventsOf, eventually, expectPersisted, stateOnceIn, useTimeSkipping } from '../support/env';
import {
  councilResult,
  DOSSIER,
  districtOfficer,
  hatDe,
  partsFor,
  producer,
  recognitionDecision,
} from '../support/fixtures';
import { endedState } from '../support/product-state';

const TASK_QUEUE = 'upgrade';

describe('upgrades and re-evaluations', () => {
  const stack = useTimeSkipping(TASK_QUEUE);
  const today = async () => new Date(await stack.env.currentTimeMs()).toISOString();

  /** An application through its dossier, waiting for the district council. */
  async function atDistrictCouncil(productId: string, overrides: Partial<ProductApplicationInput> = {}) {
    const handle = await stack.env.client.workflow.start(productApplication, {
      workflowId: productWorkflowId(productId),
      taskQueue: TASK_QUEUE,
      args: [{ input: hatDe(productId, overrides, await stack.env.currentTimeMs()) }],
    });
    await handle.executeUpdate(messages.submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
    await handle.executeUpdate(messages.reviewDossier, {
      args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }],
    });
    return handle;
  }

  /** The councils' results for `stars`: the district rates 3, or forwards 4 to the province. */
  async function rate(handle: WorkflowHandle, stars: 2 | 3 | 4): Promise<ActionAnswer> {
    const council = async (level: 'district' | 'province', total: number) =>
      handle.executeUpdate(messages.recordCouncilResult, {
        args: [councilResult(level, partsFor(total), { meetingDate: await today() })],
      });
    if (stars === 2) return council('district', 45);
    if (stars === 3) return council('district', 62);
    await council('district', 75);
    return council('province', 78);
  }

  async function decide(handle: WorkflowHandle): Promise<ActionAnswer> {
    return handle.executeUpdate(messages.recordRecognitionDecision, {
      args: [recognitionDecision(await stack.env.currentTimeMs())],
    });
  }

  /** A product certified `stars` stars, in post-inspection. */
  async function certified(productId: string, stars: 3 | 4) {
    const handle = await atDistrictCouncil(productId);
    await rate(handle, stars);
    await decide(handle);
    const state = await stateOnceIn(stack.db, handle, productId, 'POST_INSPECTION');
    expect(state).toMatchObject({ stars });
    return { handle, certificate: state.certificate };
  }

  const certificatesOf = (productId: string) =>
    stack.db
      .selectFrom('certificates')
      .select(['number', 'stars', 'status'])
      .where('product_id', '=', productId)
      .execute();

  /** Resolves once the application's check of the read model named `activity` has answered. */
  const checked = (handle: WorkflowHandle, activity: string) =>
    eventually(
      async () => {
        const events = (await handle.fetchHistory()).events ?? [];
        const check = events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activity);
        return events.some(
          (e) =>
            check?.eventId &&
            e.activityTaskCompletedEventAttributes?.scheduledEventId?.toString() === check.eventId.toString(),
        );
      },
      (answered) => answered,
    );

  const stageOf = async (productId: string) =>
    (await stack.db.selectFrom('products').select('stage').where('id', '=', productId).executeTakeFirst())?.stage;

  describe('an upgrade', () => {
    it.each([
      ['lower', 'UPL-2024', 3],
      ['equal', 'UPE-2024', 4],
    ] as const)(
      'rated %s than the certificate it holds ends not ranked and leaves it alone',
      async (_, prefix, stars) => {
        const previous = await certified(`${prefix}-0001`, 4);
        const upgrade = await atDistrictCouncil(`${prefix}-0002`, {
          kind: 'upgrade',
          previousProductId: `${prefix}-0001`,
        });
        const closed = await rate(upgrade, stars);

        expect(closed).toMatchObject({ stage: 'NOT_RANKED', certificate: null, pendingRecognition: null });
        const state = await endedState(stack.env, upgrade.workflowId);
        await expectPersisted(stack.db, state);
        expect((await eventsOf(stack.db, `${prefix}-0002`)).at(-1)).toMatchObject({
          action: 'close:NOT_RANKED',
          payload: expect.objectContaining({
            reason: 'not-higher',
            stars,
            previous: { certificate: previous.certificate?.number, stars: 4 },
          }),
        });
        expect(await certificatesOf(`${prefix}-0002`)).toEqual([]);
        expect(await certificatesOf(`${prefix}-0001`)).toEqual([
          { number: previous.certificate?.number, stars: 4, status: 'active' },
        ]);
        expect(await previous.handle.query(messages.stateQuery)).toMatchObject({ stage: 'POST_INSPECTION', stars: 4 });
        await previous.handle.terminate('the test is over');
      },
    );

    it('rated higher is certified by its decision, and the certificate it held gives way', async () => {
      const previous = await certified('UPH-2024-0001', 3);
      const upgrade = await atDistrictCouncil('UPH-2024-0002', {
        kind: 'upgrade',
        previousProductId: 'UPH-2024-0001',
      });
      const rated = await rate(upgrade, 4);
      // Until the decision the lower certificate stands.
      expect(rated).toMatchObject({ stage: 'AWAITING_DECISION', pendingRecognition: { stars: 4 } });
      expect(await certificatesOf('UPH-2024-0001')).toEqual([
        { number: previous.certificate?.number, stars: 3, status: 'active' },
      ]);

      expect(await decide(upgrade)).toMatchObject({ stage: 'CERTIFIED', stars: 4 });
      const ended = await endedState(stack.env, previous.handle.workflowId);
      expect(ended).toMatchObject({ stage: 'SUPERSEDED' });
      expect(await certificatesOf('UPH-2024-0001')).toEqual([
        { number: previous.certificate?.number, stars: 3, status: 'superseded' },
      ]);
      await stateOnceIn(stack.db, upgrade, 'UPH-2024-0002', 'POST_INSPECTION');
      await upgrade.terminate('the test is over');
    });
  });

  describe('a superseded signal', () => {
    it.each([
      ['a product that does not exist', 'SSN-2024', 'ZZ-2099-9999'],
      ['a newer certified product that re-rates another', 'SSO-2024', 'SSO-2024-0002'],
    ])('sent from a client for %s changes nothing', async (_, prefix, byProductId) => {
      const id = `${prefix}-0001`;
      const previous = await certified(id, 3);
      const stranger = await certified(`${prefix}-0002`, 4);
      const recorded = (await eventsOf(stack.db, id)).length;

      await previous.handle.signal(messages.supersededSignal, { byProductId, stars: 5 });
      await checked(previous.handle, 'confirmedSupersession');

      expect(await previous.handle.query(messages.stateQuery)).toMatchObject({ stage: 'POST_INSPECTION', stars: 3 });
      expect(await certificatesOf(id)).toEqual([{ number: previous.certificate?.number, stars: 3, status: 'active' }]);
      expect(await eventsOf(stack.db, id)).toHaveLength(recorded);
      expect(await stageOf(id)).toBe('POST_INSPECTION');
      await previous.handle.terminate('the test is over');
      await stranger.handle.terminate('the test is over');
    });
  });

  describe('a re-evaluation', () => {
    it('rated lower than the certificate it renews is certified under a new one, which supersedes it', async () => {
      const previous = await certified('REL-2024-0001', 4);
      const renewal = await atDistrictCouncil('REL-2024-0002', {
        kind: 're-evaluation',
        previousProductId: 'REL-2024-0001',
      });
      expect(await rate(renewal, 3)).toMatchObject({ stage: 'AWAITING_DECISION', pendingRecognition: { stars: 3 } });
      expect(await decide(renewal)).toMatchObject({ stage: 'CERTIFIED', stars: 3 });

      expect(await endedState(stack.env, previous.handle.workflowId)).toMatchObject({
        stage: 'SUPERSEDED',
      });
      expect(await certificatesOf('REL-2024-0001')).toEqual([
        { number: previous.certificate?.number, stars: 4, status: 'superseded' },
      ]);
      expect(await certificatesOf('REL-2024-0002')).toEqual([
        { number: expect.any(String), stars: 3, status: 'active' },
      ]);
      await renewal.terminate('the test is over');
    });

    it('that fails ends the certificate it would have renewed', async () => {
      const previous = await certified('REF-2024-0001', 3);
      const renewal = await atDistrictCouncil('REF-2024-0002', {
        kind: 're-evaluation',
        previousProductId: 'REF-2024-0001',
      });
      expect(await rate(renewal, 2)).toMatchObject({ stage: 'NOT_RANKED' });

      // The earlier application checks the read model before it believes the signal.
      await eventually(
        () => stageOf('REF-2024-0001'),
        (stage) => stage === 'REVOKED',
      );
      const ended = await endedState(stack.env, previous.handle.workflowId);
      expect(ended.stage).toBe('REVOKED');
      expect((await eventsOf(stack.db, 'REF-2024-0001')).at(-1)).toMatchObject({
        action: 'close:REVOKED',
        actor_role: 'coordinator',
        payload: expect.objectContaining({
          reason: 're-evaluation-failed',
          byProductId: 'REF-2024-0002',
          stage: 'NOT_RANKED',
        }),
      });
      expect(await certificatesOf('REF-2024-0001')).toEqual([
        { number: previous.certificate?.number, stars: 3, status: 'revoked' },
      ]);
    });

    it('is not believed when the application that signals is no failed re-evaluation of it', async () => {
      const previous = await certified('REN-2024-0001', 3);
      const stranger = await certified('REN-2024-0002', 3);
      await previous.handle.signal('reevaluationFailed', { byProductId: 'REN-2024-0002', stage: 'NOT_RANKED' });
      // The check is an activity of its own: once it has answered, nothing has changed.
      await checked(previous.handle, 'reevaluationFailed');
      expect(await previous.handle.query(messages.stateQuery)).toMatchObject({ stage: 'POST_INSPECTION' });
      expect(await certificatesOf('REN-2024-0001')).toEqual([
        { number: previous.certificate?.number, stars: 3, status: 'active' },
      ]);
      await previous.handle.terminate('the test is over');
      await stranger.handle.terminate('the test is over');
    });
  });
});

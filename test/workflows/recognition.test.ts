// The recognition decision (quyết định công nhận) between the council's rating
// and the certificate: how long it may take, the date the certificate runs
// from, and the ministry's number on a 5-star certificate.
import { certificateActivities } from '../../activities/persistence';
import { addDuration } from '../../domain/duration';
import { productWorkflowId } from '../../domain/ids';
import * as messages from '../../workflows/product/messages';
import { productApplication } from '../../workflows/product/workflow';
import { OcopNextDeadline, OcopStage } from '../../workflows/search-attributes';
import { eventsOf, stateOnceIn, useTimeSkipping } from '../support/env';
import {
  councilResult,
  DOSSIER,
  districtOfficer,
  hatDe,
  partsFor,
  producer,
  recognitionDecision,
} from '../support/fixtures';

const TASK_QUEUE = 'recognition';
const DAY = 86_400_000;

describe('the recognition decision', () => {
  const stack = useTimeSkipping(TASK_QUEUE);

  it('has no deadline: the rating waits months for it, and the certificate runs 36 months from its date', async () => {
    const productId = 'RCG-2024-0001';
    const handle = await stack.env.client.workflow.start(productApplication, {
      workflowId: productWorkflowId(productId),
      taskQueue: TASK_QUEUE,
      args: [{ input: hatDe(productId, {}, await stack.env.currentTimeMs()) }],
    });
    await handle.executeUpdate(messages.submitDossier, { args: [{ actor: producer, documents: DOSSIER }] });
    await handle.executeUpdate(messages.reviewDossier, {
      args: [{ actor: districtOfficer, decision: { outcome: 'accept' } }],
    });
    const metOn = await stack.env.currentTimeMs();
    await handle.executeUpdate(messages.recordCouncilResult, {
      args: [councilResult('district', partsFor(64), { meetingDate: new Date(metOn).toISOString() })],
    });

    // Four months on, nothing has lapsed and nothing was sent: the authority decides in its own time.
    await stack.env.sleep(120 * DAY);
    const waiting = await handle.query(messages.stateQuery);
    expect(waiting).toMatchObject({
      stage: 'AWAITING_DECISION',
      deadline: null,
      pendingRecognition: { stars: 3, level: 'district' },
    });
    const { typedSearchAttributes: found } = await handle.describe();
    expect([found.get(OcopStage), found.get(OcopNextDeadline)]).toEqual(['AWAITING_DECISION', undefined]);

    // Dated two months after the meeting, recorded two months after that.
    const decidedOn = new Date(metOn + 60 * DAY).toISOString();
    const certified = await handle.executeUpdate(messages.recordRecognitionDecision, {
      args: [{ ...recognitionDecision(0), decision: { number: '88/QĐ-UBND', decidedOn, authority: 'UBND tỉnh' } }],
    });
    const validUntil = addDuration(new Date(decidedOn), 'P36M').toISOString();
    expect(certified.certificate).toMatchObject({ decidedOn, validUntil, decision: { number: '88/QĐ-UBND' } });
    expect(validUntil).not.toBe(addDuration(new Date(metOn), 'P36M').toISOString());

    // Post-inspection counts from the decision too.
    const inspected = await stateOnceIn(stack.db, handle, productId, 'POST_INSPECTION');
    expect(inspected.deadline).toEqual({
      kind: 'inspection',
      dueAt: addDuration(new Date(decidedOn), 'P12M').toISOString(),
    });
    const actions = (await eventsOf(stack.db, productId)).map((e) => [e.action, e.stage_to]);
    expect(actions.slice(-3)).toEqual([
      ['recordCouncilResult', 'AWAITING_DECISION'],
      ['recordRecognitionDecision', 'CERTIFIED'],
      ['enter:POST_INSPECTION', 'POST_INSPECTION'],
    ]);
    await handle.terminate('the test ends in post-inspection');
  });

  it('issues a certificate once however often it is asked, and a 5-star one keeps the ministry’s number', async () => {
    const { issueCertificate } = certificateActivities(stack.db);
    const decision = { number: '4120/QĐ-BNNMT', decidedOn: '2024-11-20T03:00:00.000Z', authority: 'Bộ NN&MT' };
    const request = {
      productId: 'RCG-2024-0005',
      province: 'RCX',
      year: 2024,
      level: 'central' as const,
      stars: 5,
      decidedOn: decision.decidedOn,
      validUntil: addDuration(new Date(decision.decidedOn), 'P36M').toISOString(),
      decision,
      certificateNumber: '07/2024/OCOP-5S',
    };
    const first = await issueCertificate(request);
    const again = await issueCertificate({ ...request, certificateNumber: '08/2024/OCOP-5S' });
    expect(again).toEqual(first);
    expect(first).toMatchObject({ number: '07/2024/OCOP-5S', stars: 5, decision });
    // A ministry number takes no serial of the province's: its next own certificate is still 001.
    const own = await issueCertificate({
      ...request,
      productId: 'RCG-2024-0006',
      level: 'province',
      stars: 4,
      certificateNumber: undefined,
    });
    expect(own.number).toBe('001/2024/OCOP-RCX');
    const rows = await stack.db
      .selectFrom('certificates')
      .select(['number', 'serial', 'decision_number'])
      .where('province', '=', 'RCX')
      .orderBy('serial')
      .execute();
    expect(rows).toEqual([
      { number: '07/2024/OCOP-5S', serial: 0, decision_number: '4120/QĐ-BNNMT' },
      { number: '001/2024/OCOP-RCX', serial: 1, decision_number: '4120/QĐ-BNNMT' },
    ]);
  });
});

import {
  type ProductFacts,
  productDifferences,
  type ReadModelFacts,
  serialGaps,
  verifyCycle,
  type WorkflowFacts,
} from '../../domain/consistency';

const TRANSITIONS = [
  { seq: 1, action: 'submitDossier', stageFrom: 'REGISTERED', stageTo: 'DOSSIER_REVIEW' },
  { seq: 2, action: 'reviewDossier', stageFrom: 'DOSSIER_REVIEW', stageTo: 'EVALUATION' },
];

function facts(workflow: Partial<WorkflowFacts> | null, readModel: Partial<ReadModelFacts> = {}): ProductFacts {
  return {
    productId: 'CB-2099-0001',
    workflowId: 'ocop-product-CB-2099-0001',
    workflow: workflow && {
      workflowId: 'ocop-product-CB-2099-0001',
      status: 'RUNNING',
      stage: 'EVALUATION',
      certificateNumber: null,
      transitions: TRANSITIONS,
      notices: [],
      retrying: [],
      ...workflow,
    },
    readModel: {
      row: { stage: 'EVALUATION', lastSeq: 2, certificateNo: null },
      events: TRANSITIONS,
      certificates: [],
      notifications: new Map(),
      ...readModel,
    },
  };
}

const kinds = (f: ProductFacts) => productDifferences(f).map((d) => d.kind);

describe('the consistency check of one product', () => {
  it('finds nothing when the tables hold what the workflow did', () => {
    expect(productDifferences(facts({}))).toEqual([]);
  });

  it('names the stage each side says, and the repair', () => {
    const [difference] = productDifferences(
      facts({}, { row: { stage: 'REGISTERED', lastSeq: 2, certificateNo: null } }),
    );
    expect(difference).toMatchObject({
      kind: 'stage',
      found: 'products row says REGISTERED, workflow says EVALUATION',
    });
    expect(difference?.repair).toContain("set stage = 'EVALUATION'");
  });

  it('tells a missing transition, one recorded twice, and one the workflow never recorded', () => {
    const again = { ...TRANSITIONS[1]!, seq: 3 };
    const stranger = { seq: 4, action: 'withdraw', stageFrom: 'EVALUATION', stageTo: 'WITHDRAWN' };
    const differences = productDifferences(facts({}, { events: [TRANSITIONS[1]!, again, stranger] }));
    expect(differences.map((d) => [d.kind, d.found])).toEqual([
      ['transition-missing', expect.stringContaining('transition 1 (submitDossier')],
      ['transition-duplicated', 'transition 2 (reviewDossier) recorded twice: again as seq 3'],
      ['transition-unknown', expect.stringContaining('seq 4 (withdraw')],
    ]);
  });

  it('tells a missing products row once the workflow recorded a transition, not before', () => {
    expect(kinds(facts({}, { row: null }))).toEqual(['row-missing']);
    expect(kinds(facts({ stage: 'REGISTERED', transitions: [] }, { row: null, events: [] }))).toEqual([]);
  });

  it('tells a notice decided but never sent, unless it is still on its way, and a failed one', () => {
    const notices = [
      { key: 'k/lost', pending: false },
      { key: 'k/coming', pending: true },
      { key: 'k/failed', pending: false },
      { key: 'k/sent', pending: false },
    ];
    const outbox = new Map([
      ['k/failed', 'failed'],
      ['k/sent', 'sent'],
    ]);
    const differences = productDifferences(facts({ notices }, { notifications: outbox }));
    expect(differences.map((d) => [d.kind, d.found])).toEqual([
      ['notice-missing', 'notification k/lost decided but never sent: no outbox row'],
      ['notice-failed', 'notification k/failed failed to go out'],
    ]);
  });

  it('tells a certificate the workflow holds and the table lacks, and one whose status lags the story', () => {
    const certified = { stage: 'EXPIRED', certificateNumber: '001/2099/OCOP-CB' };
    expect(kinds(facts(certified, { row: { stage: 'EXPIRED', lastSeq: 2, certificateNo: null } }))).toEqual([
      'certificate-missing',
    ]);
    const active = [{ number: '001/2099/OCOP-CB', status: 'active' }];
    expect(
      kinds(facts(certified, { row: { stage: 'EXPIRED', lastSeq: 2, certificateNo: null }, certificates: active })),
    ).toEqual(['certificate-status']);
  });

  it('tells a failed workflow, an activity retried past the bound, and a workflow Temporal does not know', () => {
    const retrying = [
      { activityType: 'recordTransition', attempt: 9, lastFailure: 'invalid byte sequence' },
      { activityType: 'notify', attempt: 2, lastFailure: 'timeout' },
    ];
    expect(kinds(facts({ retrying }))).toEqual(['activity-retrying']);
    expect(kinds(facts({ status: 'TERMINATED' }))).toEqual(['workflow-failed']);
    expect(kinds(facts(null))).toEqual(['workflow-missing']);
    expect(kinds({ ...facts(null), unreadable: 'no worker answered' })).toEqual(['workflow-unreadable']);
  });
});

describe('certificate serials', () => {
  it('are contiguous from 1 to the counter', () => {
    expect(serialGaps({ province: 'CB', year: 2099, serials: [3, 1, 2], lastSerial: 3 })).toEqual([]);
    expect(serialGaps({ province: 'CB', year: 2099, serials: [], lastSerial: null })).toEqual([]);
  });

  it('tell the serials missing, below the counter and between the issued ones', () => {
    const [gap] = serialGaps({ province: 'CB', year: 2099, serials: [1, 4], lastSerial: 5 });
    expect(gap).toMatchObject({ productId: null, kind: 'serial-gap' });
    expect(gap?.found).toBe('certificate serial gap in CB 2099: 2, 3, 5 missing of 1–5');
  });
});

describe('a cycle', () => {
  it('is consistent with no difference, and counts each kind otherwise', () => {
    expect(verifyCycle('CB-2099', [facts({})], [])).toMatchObject({ consistent: true, products: 1, counts: {} });
    const damaged = facts({}, { row: null, events: [] });
    expect(verifyCycle('CB-2099', [damaged], [])).toMatchObject({
      consistent: false,
      counts: { 'row-missing': 1, 'transition-missing': 2 },
    });
  });
});

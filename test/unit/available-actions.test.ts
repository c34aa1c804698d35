// What a product's page offers each caller: the stage's actions that the
// caller's grant allows and the workflow would take, before and past the
// deadline.
import type { Grant, GrantRole, GrantScope, Principal } from '../../domain/access';
import { availableActions, isOverdue, type ProductNow } from '../../domain/available-actions';
import type { Deadline } from '../../domain/product';
import type { LevelId, Stage } from '../../domain/schemas';
import { allowedStages, checkAction } from '../../domain/stages';

const NOW = new Date('2024-05-01T08:00:00.000Z');
const TOMORROW = '2024-05-02T08:00:00.000Z';
const YESTERDAY = '2024-04-30T08:00:00.000Z';
const HAT_DE = 'htx-nong-nghiep-hat-de-trung-khanh';
const HOA_AN = 'cong-ty-tnhh-nong-san-sach-hoa-an';
const PRINCIPAL: Principal = {
  id: '7',
  issuer: 'http://127.0.0.1:8470',
  subject: 'someone',
  name: null,
  kind: 'person',
};

let lastId = 0;
function grant(role: GrantRole, scope: Omit<GrantScope, 'province'> = {}): Grant {
  lastId += 1;
  return {
    id: String(lastId),
    issuer: PRINCIPAL.issuer,
    subject: PRINCIPAL.subject,
    role,
    scope: { province: 'CB', ...scope },
    validFrom: '2024-01-01T00:00:00.000Z',
    validUntil: null,
    revokedAt: null,
  };
}

const G = {
  coordinator: grant('coordinator'),
  provinceAdmin: grant('province_admin'),
  officer047: grant('dossier_officer', { unit: '047', level: 'district' }),
  officer051: grant('dossier_officer', { unit: '051', level: 'district' }),
  secretary047: grant('council_secretary', { unit: '047', level: 'district' }),
  secretaryProvince: grant('council_secretary', { level: 'province' }),
  inspector: grant('inspector'),
  hatDe: grant('subject', { subjectId: HAT_DE }),
  hoaAn: grant('subject', { subjectId: HOA_AN }),
};

/** A Trùng Khánh product of Hạt dẻ under Decision 148, in `stage`, due `dueAt` (none when null). */
function product(stage: Stage, dueAt: string | null, level: LevelId | null = null): ProductNow {
  const deadline: Deadline | null = dueAt ? { kind: 'dossier', dueAt } : null;
  return {
    province: 'CB',
    place: { unit: '047', subjectId: HAT_DE, level },
    ruleSetId: 'OCOP_148_2023',
    stage,
    level,
    deadline,
  };
}

const offered = (grants: Grant[], p: ProductNow) => availableActions(grants, PRINCIPAL, p, NOW);

describe('the actions a product offers its caller', () => {
  it('offers a producer its own registered product’s dossier and withdrawal, and nothing of another’s', () => {
    expect(offered([G.hatDe], product('REGISTERED', TOMORROW))).toEqual(['submitDossier', 'withdraw']);
    expect(offered([G.hoaAn], product('REGISTERED', TOMORROW))).toEqual([]);
  });

  it('offers the review to the officer of the product’s district only', () => {
    expect(offered([G.officer047], product('DOSSIER_REVIEW', TOMORROW))).toEqual(['reviewDossier']);
    expect(offered([G.officer051], product('DOSSIER_REVIEW', TOMORROW))).toEqual([]);
    expect(offered([G.officer047], product('REGISTERED', TOMORROW))).toEqual([]);
  });

  it('offers a council’s result to the secretary of the level being evaluated', () => {
    expect(offered([G.secretary047], product('EVALUATION', TOMORROW, 'district'))).toEqual(['recordCouncilResult']);
    expect(offered([G.secretaryProvince], product('EVALUATION', TOMORROW, 'district'))).toEqual([]);
    expect(offered([G.secretary047], product('EVALUATION', TOMORROW, 'province'))).toEqual([]);
    expect(offered([G.secretaryProvince], product('EVALUATION', TOMORROW, 'province'))).toEqual([
      'recordCouncilResult',
    ]);
  });

  it('offers a coordinator every action of the stage, and an extension only when there is a deadline', () => {
    expect(offered([G.coordinator], product('REGISTERED', TOMORROW))).toEqual([
      'submitDossier',
      'withdraw',
      'extendDeadline',
    ]);
    expect(offered([G.coordinator], product('EVALUATION', null, 'district'))).toEqual([
      'recordCouncilResult',
      'withdraw',
    ]);
  });

  it('past the deadline, offers the coordinator’s extension and a withdrawal, and nothing else', () => {
    expect(offered([G.coordinator], product('REGISTERED', YESTERDAY))).toEqual(['withdraw', 'extendDeadline']);
    expect(offered([G.hatDe], product('REGISTERED', YESTERDAY))).toEqual(['withdraw']);
    expect(offered([G.officer047], product('DOSSIER_REVIEW', YESTERDAY))).toEqual([]);
  });

  it('still offers a post-inspection past its date, which is escalated rather than lapsed', () => {
    const due = product('POST_INSPECTION', YESTERDAY, 'district');
    expect(isOverdue(due, NOW)).toBe(false);
    expect(offered([G.inspector], due)).toEqual(['recordInspection']);
    expect(offered([G.coordinator], due)).toEqual(['recordInspection', 'extendDeadline']);
  });

  it('offers the recognition decision to a coordinator while a rating awaits it, and in EVALUATION only then', () => {
    expect(offered([G.coordinator], product('AWAITING_DECISION', null, 'province'))).toEqual([
      'recordRecognitionDecision',
    ]);
    expect(offered([G.secretaryProvince], product('AWAITING_DECISION', null, 'province'))).toEqual([]);
    const atCentral = product('EVALUATION', null, 'central');
    expect(offered([G.coordinator], atCentral)).toEqual(['recordCouncilResult', 'withdraw']);
    expect(offered([G.coordinator], { ...atCentral, pendingRecognition: true })).toEqual([
      'recordCouncilResult',
      'withdraw',
      'recordRecognitionDecision',
    ]);
  });

  it('refuses the recognition decision outside its stages with a message naming them', () => {
    const ctx = {
      stage: 'DOSSIER_REVIEW' as const,
      dossierLevel: 'district' as const,
      level: null,
      ownerId: HAT_DE,
      deadline: null,
      overdue: false,
    };
    const coordinator = { id: 'vp-ocop-cb', role: 'coordinator' as const };
    expect(checkAction('recordRecognitionDecision', coordinator, ctx)).toEqual({
      type: 'WrongStage',
      message:
        'stage: recordRecognitionDecision is not allowed in stage DOSSIER_REVIEW; it is allowed in AWAITING_DECISION ' +
        '(and EVALUATION while a rating awaits its decision)',
    });
    expect(checkAction('recordRecognitionDecision', coordinator, { ...ctx, stage: 'EVALUATION' })?.type).toBe(
      'WrongStage',
    );
    expect(
      checkAction('recordRecognitionDecision', coordinator, { ...ctx, stage: 'EVALUATION', pendingRecognition: true }),
    ).toBeNull();
    expect(allowedStages('recordRecognitionDecision', { pendingRecognition: false })).toEqual(['AWAITING_DECISION']);
  });

  it('offers nothing to a grant administrator, on a closed application, or to a revoked grant', () => {
    expect(offered([G.provinceAdmin], product('REGISTERED', TOMORROW))).toEqual([]);
    expect(offered([G.coordinator], product('LAPSED', null))).toEqual([]);
    const revoked = { ...G.coordinator, revokedAt: YESTERDAY };
    expect(offered([revoked], product('REGISTERED', TOMORROW))).toEqual([]);
  });
});

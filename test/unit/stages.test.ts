// Who may do what, and in which stage: the checks every Update validator and
// the CLI ask of domain/stages.ts, without a server. Expectations follow the
// OCOP procedure rather than the table's own listing, so a wrong entry in the
// table fails here.
import { type ActionContext, type ActionName, ACTION_RULES, allowedStages, checkAction } from '../../domain/stages';
import { type Actor, Stage, TERMINAL_STAGES } from '../../domain/schemas';

const OWNER = 'htx-nong-nghiep-hat-de-trung-khanh';
const ACTIONS = Object.keys(ACTION_RULES) as ActionName[];

const coordinator: Actor = { id: 'vp-ocop-cb', role: 'coordinator' };
const owner: Actor = { id: OWNER, role: 'producer' };
const otherProducer: Actor = { id: 'cong-ty-tnhh-nong-san-sach-hoa-an', role: 'producer' };
const districtOfficer: Actor = { id: 'cb-trungkhanh-nn', role: 'officer', level: 'district' };
const provinceOfficer: Actor = { id: 'so-nn-cb', role: 'officer', level: 'province' };
const districtSecretary: Actor = { id: 'thu-ky-district', role: 'council_secretary', level: 'district' };
const provinceSecretary: Actor = { id: 'thu-ky-province', role: 'council_secretary', level: 'province' };
const inspector: Actor = { id: 'doan-hau-kiem-cb', role: 'inspector' };

/** A Decision 148 product whose dossier the district reviews, in `stage`, due tomorrow. */
function context(stage: Stage, more: Partial<ActionContext> = {}): ActionContext {
  return {
    stage,
    dossierLevel: 'district',
    level: stage === 'EVALUATION' ? 'district' : null,
    ownerId: OWNER,
    deadline: { kind: 'dossier', dueAt: '2024-05-02T08:00:00.000Z' },
    overdue: false,
    ...more,
  };
}

/** The stages an action is allowed in, found by asking checkAction of every stage with a coordinator. */
function stagesAllowing(action: ActionName, more: Partial<ActionContext> = {}): Stage[] {
  return Stage.options.filter((stage) => checkAction(action, coordinator, context(stage, more))?.type !== 'WrongStage');
}

describe('the stage of each action', () => {
  it.each([
    // Each step of the procedure has the one stage where it comes.
    ['submitDossier', ['REGISTERED']],
    ['reviewDossier', ['DOSSIER_REVIEW']],
    ['submitSupplement', ['AWAITING_SUPPLEMENT']],
    ['recordCouncilResult', ['EVALUATION']],
    ['recordRecognitionDecision', ['AWAITING_DECISION']],
    ['recordInspection', ['POST_INSPECTION']],
    ['recordRevocationDecision', ['REVOCATION_PROPOSED']],
    // A candidacy is withdrawn until the authority has the council's rating before it.
    ['withdraw', ['REGISTERED', 'DOSSIER_REVIEW', 'AWAITING_SUPPLEMENT', 'EVALUATION']],
    // Every stage that waits for people on a date, post-inspection included.
    ['extendDeadline', ['REGISTERED', 'DOSSIER_REVIEW', 'AWAITING_SUPPLEMENT', 'EVALUATION', 'POST_INSPECTION']],
  ] as const)('allows %s in %j only', (action, stages) => {
    expect(stagesAllowing(action)).toEqual(stages);
  });

  it('allows no action once the application has closed', () => {
    for (const stage of TERMINAL_STAGES) {
      for (const action of ACTIONS) {
        expect([stage, action, checkAction(action, coordinator, context(stage))?.type]).toEqual([
          stage,
          action,
          'WrongStage',
        ]);
      }
    }
  });

  it('allows the recognition decision in EVALUATION only while a rating awaits it, and nothing else besides', () => {
    const pending = { pendingRecognition: true };
    expect(stagesAllowing('recordRecognitionDecision', pending)).toEqual(['EVALUATION', 'AWAITING_DECISION']);
    for (const action of ACTIONS.filter((a) => a !== 'recordRecognitionDecision')) {
      expect([action, stagesAllowing(action, pending)]).toEqual([action, stagesAllowing(action)]);
    }
    expect(allowedStages('recordRecognitionDecision', {})).toEqual(['AWAITING_DECISION']);
  });

  it('names the stage it refused and those the action is allowed in', () => {
    expect(checkAction('submitDossier', owner, context('EVALUATION'))).toEqual({
      type: 'WrongStage',
      message: 'stage: submitDossier is not allowed in stage EVALUATION; it is allowed in REGISTERED',
    });
    expect(checkAction('withdraw', owner, context('CERTIFIED'))?.message).toBe(
      'stage: withdraw is not allowed in stage CERTIFIED; it is allowed in REGISTERED, DOSSIER_REVIEW, AWAITING_SUPPLEMENT, EVALUATION',
    );
  });
});

describe('who may act', () => {
  it.each([
    ['the producer submits its dossier', 'submitDossier', 'REGISTERED', owner],
    ['the producer sends a supplement', 'submitSupplement', 'AWAITING_SUPPLEMENT', owner],
    ['the producer withdraws', 'withdraw', 'DOSSIER_REVIEW', owner],
    ["the district's officer reviews the dossier", 'reviewDossier', 'DOSSIER_REVIEW', districtOfficer],
    ["the district council's secretary records its result", 'recordCouncilResult', 'EVALUATION', districtSecretary],
    ['an inspection team records its inspection', 'recordInspection', 'POST_INSPECTION', inspector],
  ] as const)('allows it when %s', (_, action, stage, actor) => {
    expect(checkAction(action, actor, context(stage))).toBeNull();
  });

  it('lets the coordinator, the provincial office, act for anyone, at any level', () => {
    const stageOf: Record<ActionName, Stage> = {
      submitDossier: 'REGISTERED',
      reviewDossier: 'DOSSIER_REVIEW',
      submitSupplement: 'AWAITING_SUPPLEMENT',
      recordCouncilResult: 'EVALUATION',
      recordInspection: 'POST_INSPECTION',
      withdraw: 'EVALUATION',
      extendDeadline: 'DOSSIER_REVIEW',
      recordRecognitionDecision: 'AWAITING_DECISION',
      recordRevocationDecision: 'REVOCATION_PROPOSED',
    };
    for (const action of ACTIONS) {
      expect([action, checkAction(action, coordinator, context(stageOf[action], { level: 'province' }))]).toEqual([
        action,
        null,
      ]);
    }
  });

  it.each([
    ['a producer reviewing its own dossier', 'reviewDossier', 'DOSSIER_REVIEW', owner, 'officer, coordinator'],
    ['an officer submitting the dossier', 'submitDossier', 'REGISTERED', districtOfficer, 'producer, coordinator'],
    [
      'an inspector recording a council',
      'recordCouncilResult',
      'EVALUATION',
      inspector,
      'council_secretary, coordinator',
    ],
    ['a secretary inspecting', 'recordInspection', 'POST_INSPECTION', districtSecretary, 'inspector, coordinator'],
    ['a producer extending its own deadline', 'extendDeadline', 'REGISTERED', owner, 'coordinator'],
    ['an inspector revoking', 'recordRevocationDecision', 'REVOCATION_PROPOSED', inspector, 'coordinator'],
    ['a secretary recognising', 'recordRecognitionDecision', 'AWAITING_DECISION', provinceSecretary, 'coordinator'],
  ] as const)('refuses %s, naming the roles allowed', (_, action, stage, actor, roles) => {
    expect(checkAction(action, actor, context(stage))).toEqual({
      type: 'Forbidden',
      message: `actor.role: ${actor.role} may not ${action}; allowed roles are ${roles}`,
    });
  });

  it("refuses a producer acting on another subject's product", () => {
    expect(checkAction('submitDossier', otherProducer, context('REGISTERED'))).toEqual({
      type: 'Forbidden',
      message: `actor.id: producer ${otherProducer.id} does not own this product`,
    });
    expect(checkAction('withdraw', otherProducer, context('EVALUATION'))?.type).toBe('Forbidden');
  });

  it('lets only the officers of the level that reviews the dossier review it', () => {
    expect(checkAction('reviewDossier', provinceOfficer, context('DOSSIER_REVIEW'))).toEqual({
      type: 'Forbidden',
      message: 'actor.level: reviewDossier in this stage needs a district officer, not one of level province',
    });
    // Under Decision 1489 the commune checks the dossier, and a province officer does not.
    const commune = context('DOSSIER_REVIEW', { dossierLevel: 'commune' });
    expect(checkAction('reviewDossier', { ...districtOfficer, level: 'commune' }, commune)).toBeNull();
    expect(checkAction('reviewDossier', districtOfficer, commune)?.message).toBe(
      'actor.level: reviewDossier in this stage needs a commune officer, not one of level district',
    );
  });

  it("lets only the secretary of the council being evaluated record its result, whatever the dossier's level", () => {
    const atProvince = context('EVALUATION', { level: 'province' });
    expect(checkAction('recordCouncilResult', provinceSecretary, atProvince)).toBeNull();
    expect(checkAction('recordCouncilResult', districtSecretary, atProvince)?.message).toBe(
      'actor.level: recordCouncilResult in this stage needs a province council_secretary, not one of level district',
    );
  });

  it('says "none" for an officer who belongs to no level', () => {
    const unplaced: Actor = { id: 'cb-moi', role: 'officer' };
    expect(checkAction('reviewDossier', unplaced, context('DOSSIER_REVIEW'))?.message).toBe(
      'actor.level: reviewDossier in this stage needs a district officer, not one of level none',
    );
  });

  it('does not bind inspection teams to a level: they serve the whole province', () => {
    expect(checkAction('recordInspection', { ...inspector, level: 'commune' }, context('POST_INSPECTION'))).toBeNull();
  });
});

describe('past the deadline', () => {
  const overdue = (stage: Stage) => context(stage, { overdue: true });

  it('refuses every action but the extension and the withdrawal, naming the deadline that passed', () => {
    expect(checkAction('submitDossier', owner, overdue('REGISTERED'))).toEqual({
      type: 'DeadlinePassed',
      message:
        "deadline: the dossier deadline 2024-05-02T08:00:00.000Z has passed; only a coordinator's extendDeadline can reopen it",
    });
    expect(checkAction('reviewDossier', coordinator, overdue('DOSSIER_REVIEW'))?.type).toBe('DeadlinePassed');
    expect(checkAction('recordCouncilResult', districtSecretary, overdue('EVALUATION'))?.type).toBe('DeadlinePassed');
  });

  it("still takes the coordinator's extension, and the producer's withdrawal", () => {
    expect(checkAction('extendDeadline', coordinator, overdue('REGISTERED'))).toBeNull();
    expect(checkAction('withdraw', owner, overdue('AWAITING_SUPPLEMENT'))).toBeNull();
  });

  it('checks the stage and the role before the deadline, so the refusal says what is wrong first', () => {
    expect(checkAction('reviewDossier', owner, overdue('REGISTERED'))?.type).toBe('WrongStage');
    expect(checkAction('extendDeadline', owner, overdue('REGISTERED'))?.type).toBe('Forbidden');
    expect(checkAction('submitDossier', otherProducer, overdue('REGISTERED'))?.message).toMatch(/^actor\.id: /);
  });
});

describe('extending a deadline', () => {
  it('refuses an extension where no deadline is open', () => {
    expect(checkAction('extendDeadline', coordinator, context('EVALUATION', { deadline: null }))).toEqual({
      type: 'WrongStage',
      message: 'deadline: stage EVALUATION has no open deadline to extend',
    });
  });

  it('needs no deadline for the other actions', () => {
    expect(checkAction('recordCouncilResult', districtSecretary, context('EVALUATION', { deadline: null }))).toBeNull();
  });
});

// The checks an Update validator makes of a payload once its stage and role
// are right (workflows/product/action-checks.ts): dates ahead of or behind the
// workflow's clock, the certificate's term, the council's sheets and rounds.
// They are plain functions of the application and Date.now(), so they run here
// on a fixed clock, without a server.
import { ApplicationFailure } from '@temporalio/common';
import * as P from '../../domain/product';
import { getRuleSet } from '../../domain/rules';
import type { Actor, Stage } from '../../domain/schemas';
import type { ActionName } from '../../domain/stages';
import { type Checked, checkPayload, ratingHeld } from '../../workflows/product/action-checks';
import type { Payload } from '../../workflows/product/application';

const NOW = Date.parse('2024-05-01T08:00:00.000Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();
const DAY = 86_400_000;
/** 00:30 on 21/04/2024 in Vietnam (UTC+7), still 20/04 in UTC. */
const REGISTERED_AT = '2024-04-20T17:30:00.000Z';

const coordinator: Actor = { id: 'vp-ocop-cb', role: 'coordinator' };
const officer: Actor = { id: 'cb-trungkhanh-nn', role: 'officer', level: 'district' };
const secretary: Actor = { id: 'thu-ky-district', role: 'council_secretary', level: 'district' };

const CERTIFICATE: P.Certificate = {
  number: 'CB-2024-0001',
  stars: 3,
  level: 'district',
  decidedOn: '2024-01-15T03:00:00.000Z',
  validUntil: '2027-01-15T03:00:00.000Z',
};

function state(stage: Stage, more: Partial<P.ProductState>): P.ProductState {
  const registered = P.registeredState({ productId: 'CB-2024-0001', cycleId: 'CB-2024', kind: 'new' });
  const register = { seq: 1, action: 'register', actor: coordinator, stageFrom: null, level: null } as const;
  return {
    ...registered,
    stage,
    history: [{ ...register, stageTo: 'REGISTERED', at: REGISTERED_AT }],
    ...more,
  };
}

/** A Decision 148 application in `stage`, following the rules as written unless told otherwise. */
function app(stage: Stage, more: Partial<P.ProductState> = {}, options: Partial<Omit<Checked, 'stage'>> = {}): Checked {
  return { stage, state: state(stage, more), ruleSet: getRuleSet('OCOP_148_2023'), asWritten: true, ...options };
}

/** The refusal checkPayload throws, as the caller of the Update sees it; null when it passes. */
function refusal<A extends ActionName>(checked: Checked, action: A, payload: Payload<A>) {
  try {
    checkPayload(checked, action, payload);
    return null;
  } catch (error) {
    if (!(error instanceof ApplicationFailure)) throw error;
    return { type: error.type, message: error.message, nonRetryable: error.nonRetryable };
  }
}

const extension = (until: string) => P.ExtendDeadline.parse({ actor: coordinator, until, reason: 'Lũ lụt' });

/** Three members of a council of three, the chair first, each scoring the same parts. */
function councilResult(more: Partial<P.RecordCouncilResult> = {}) {
  const parts = { A: 30, B: 20, C: 20 };
  return P.RecordCouncilResult.parse({
    actor: secretary,
    level: 'district',
    meetingDate: at(-DAY),
    councilSize: 3,
    sheets: ['tv-1', 'tv-2', 'tv-3'].map((memberId, index) => ({ memberId, parts, chair: index === 0 })),
    ...more,
  });
}

const evaluating = (more: Partial<P.ProductState> = {}, options: Partial<Omit<Checked, 'stage'>> = {}) =>
  app('EVALUATION', { level: 'district', ...more }, options);

beforeAll(() => {
  jest.useFakeTimers({ now: NOW });
});
afterAll(() => {
  jest.useRealTimers();
});

describe('extending a deadline', () => {
  const registered = app('REGISTERED', { deadline: { kind: 'dossier', dueAt: at(-DAY) } });

  it('takes a date after now, and refuses one at or before it as a validation error that is not retried', () => {
    expect(refusal(registered, 'extendDeadline', extension(at(1)))).toBeNull();
    expect(refusal(registered, 'extendDeadline', extension(at(0)))).toEqual({
      type: 'ValidationError',
      message: 'extendDeadline: until: must be after now (2024-05-01T08:00:00.000Z)',
      nonRetryable: true,
    });
  });

  it('refuses a date that does not move the deadline later', () => {
    const due = at(7 * DAY);
    const ahead = app('REGISTERED', { deadline: { kind: 'dossier', dueAt: due } });
    expect(refusal(ahead, 'extendDeadline', extension(due))?.message).toBe(
      `extendDeadline: until: must be later than the current deadline ${due}`,
    );
    expect(refusal(ahead, 'extendDeadline', extension(at(7 * DAY + 1)))).toBeNull();
  });

  it('does not extend a certificate: a re-evaluation renews it', () => {
    const holding = app('POST_INSPECTION', {
      certificate: CERTIFICATE,
      deadline: { kind: 'certificate-expiry', dueAt: CERTIFICATE.validUntil },
    });
    expect(refusal(holding, 'extendDeadline', extension(at(DAY)))?.message).toBe(
      'extendDeadline: deadline: a certificate-expiry date is not extended; a re-evaluation renews the certificate',
    );
  });

  it('keeps a post-inspection date within the certificate, which ends the waits', () => {
    const inspecting = app('POST_INSPECTION', {
      certificate: CERTIFICATE,
      deadline: { kind: 'inspection', dueAt: at(DAY) },
    });
    expect(refusal(inspecting, 'extendDeadline', extension(CERTIFICATE.validUntil))).toBeNull();
    const later = new Date(Date.parse(CERTIFICATE.validUntil) + 1).toISOString();
    expect(refusal(inspecting, 'extendDeadline', extension(later))?.message).toBe(
      `extendDeadline: until: must not be after the certificate expires (${CERTIFICATE.validUntil})`,
    );
    // Before post-inspection a certificate held from before (a re-evaluation's) bounds nothing.
    const reevaluating = app('EVALUATION', {
      certificate: CERTIFICATE,
      deadline: { kind: 'evaluation', dueAt: at(DAY) },
    });
    expect(refusal(reevaluating, 'extendDeadline', extension(later))).toBeNull();
  });
});

describe('withdrawing', () => {
  const withdrawal = P.Withdraw.parse({ actor: coordinator, reason: 'Ngừng sản xuất' });

  it('takes a withdrawal before the province certified the product', () => {
    expect(ratingHeld(state('EVALUATION', {}))).toBeNull();
    expect(refusal(evaluating(), 'withdraw', withdrawal)).toBeNull();
  });

  it('refuses to take away a certified rating: that ends only by revocation', () => {
    const candidate = evaluating({ level: 'province', certificate: CERTIFICATE, stars: 3 });
    expect(refusal(candidate, 'withdraw', withdrawal)).toEqual({
      type: 'WrongStage',
      message:
        'withdraw: the product holds certificate CB-2024-0001 (3 stars); its candidacy at the next level is not withdrawn, ' +
        'and the rating it holds ends only by revocation',
      nonRetryable: true,
    });
  });
});

describe('reviewing a dossier', () => {
  const reviewing = app('DOSSIER_REVIEW');
  const review = (decision: P.ReviewDossier['decision']) => P.ReviewDossier.parse({ actor: officer, decision });

  it('asks for a supplement only by a date after now', () => {
    const ask = (dueAt: string) => review({ outcome: 'request-supplement', missing: ['Phiếu kiểm nghiệm'], dueAt });
    expect(refusal(reviewing, 'reviewDossier', ask(at(1)))).toBeNull();
    expect(refusal(reviewing, 'reviewDossier', ask(at(0)))?.message).toBe(
      'reviewDossier: decision.dueAt: must be after now (2024-05-01T08:00:00.000Z)',
    );
  });

  it('has no date to check when it accepts', () => {
    expect(refusal(reviewing, 'reviewDossier', review({ outcome: 'accept' }))).toBeNull();
  });
});

describe("recording a council's result", () => {
  it('takes a complete council of the level being evaluated', () => {
    expect(refusal(evaluating(), 'recordCouncilResult', councilResult())).toBeNull();
  });

  it('refuses the result of another level as the wrong stage', () => {
    expect(refusal(evaluating(), 'recordCouncilResult', councilResult({ level: 'province' }))).toEqual({
      type: 'WrongStage',
      message: 'recordCouncilResult: level: the product is at level district, not province',
      nonRetryable: true,
    });
  });

  it('takes a meeting held now, and refuses one in the future', () => {
    expect(refusal(evaluating(), 'recordCouncilResult', councilResult({ meetingDate: at(0) }))).toBeNull();
    expect(refusal(evaluating(), 'recordCouncilResult', councilResult({ meetingDate: at(1) }))?.message).toBe(
      'recordCouncilResult: meetingDate: must not be in the future',
    );
  });

  it('refuses a meeting before the day of registration, counting days in Vietnam', () => {
    // 23:59 on 20/04 in Vietnam: the day before the product was registered.
    const dayBefore = councilResult({ meetingDate: '2024-04-20T16:59:00.000Z' });
    expect(refusal(evaluating(), 'recordCouncilResult', dayBefore)?.message).toBe(
      'recordCouncilResult: meetingDate: must not be before the product was registered on 21/04/2024',
    );
    // 00:00 on 21/04 in Vietnam: half an hour before registration, but the same day.
    const sameDay = councilResult({ meetingDate: '2024-04-20T17:00:00.000Z' });
    expect(refusal(evaluating(), 'recordCouncilResult', sameDay)).toBeNull();
  });

  it('needs the council size and the chair of a new result, and lists every issue', () => {
    const withoutSize = councilResult({ councilSize: undefined });
    const sheets = withoutSize.sheets.map((sheet) => ({ ...sheet, chair: false }));
    expect(refusal(evaluating(), 'recordCouncilResult', { ...withoutSize, sheets })?.message).toBe(
      'recordCouncilResult: councilSize: is required: the number of appointed members, chair included; ' +
        "sheets: no sheet is marked chair: the chair's sheet is needed for the quorum",
    );
  });

  it('gives no bonus points under the rules as written, and up to 5 to a run registered before them', () => {
    const withBonus = (bonus: number) => councilResult({ bonus });
    expect(refusal(evaluating(), 'recordCouncilResult', withBonus(2))?.message).toBe(
      'recordCouncilResult: bonus: must be 0: OCOP_148_2023 gives no bonus points (rule-set setting bonusCap)',
    );
    const legacy = evaluating({}, { asWritten: false });
    expect(refusal(legacy, 'recordCouncilResult', withBonus(5))).toBeNull();
    expect(refusal(legacy, 'recordCouncilResult', withBonus(6))?.message).toBe(
      'recordCouncilResult: bonus: must be between 0 and 5',
    );
  });

  it("keeps a run registered before the rules as written to the old checks, which asked no council's size", () => {
    const withoutSize = councilResult({ councilSize: undefined });
    expect(refusal(evaluating({}, { asWritten: false }), 'recordCouncilResult', withoutSize)).toBeNull();
  });

  it('takes the second round after a first spread too far, and only then', () => {
    const spread: P.LevelScore = {
      level: 'district',
      meetingDate: at(-2 * DAY),
      total: 70,
      stars: null,
      round: 1,
      secondRound: true,
      mandatoryFailed: [],
      failedCriteria: [],
      bonus: 0,
      members: 3,
    };
    const awaiting = evaluating({ scores: [spread] });
    expect(refusal(awaiting, 'recordCouncilResult', councilResult({ round: 2 }))).toBeNull();
    expect(refusal(awaiting, 'recordCouncilResult', councilResult({ round: 1 }))?.message).toBe(
      "recordCouncilResult: round: must be 2: the first round's sheets spread too far, the council scores again",
    );
    expect(refusal(evaluating(), 'recordCouncilResult', councilResult({ round: 2 }))?.message).toBe(
      'recordCouncilResult: round: must be 1: a second round follows only a first round spread too far',
    );
    // A spread at the district does not hold the province's council to a second round.
    const atProvince = evaluating({ level: 'province', scores: [spread] });
    const provincial = councilResult({ level: 'province', actor: { ...secretary, level: 'province' } });
    expect(refusal(atProvince, 'recordCouncilResult', provincial)).toBeNull();
  });

  describe('at a Decision 1489 commune, which assesses local criteria and scores nothing', () => {
    const commune = app('EVALUATION', { level: 'commune' }, { ruleSet: getRuleSet('OCOP_1489_2025') });
    const assessment = (more: Partial<P.RecordCouncilResult>) =>
      councilResult({ level: 'commune', actor: { ...secretary, level: 'commune' }, sheets: [], ...more });

    it('takes the local criteria it failed', () => {
      expect(refusal(commune, 'recordCouncilResult', assessment({ failedCriteria: ['local-labour'] }))).toBeNull();
    });

    it('refuses score sheets', () => {
      expect(refusal(commune, 'recordCouncilResult', councilResult({ level: 'commune' }))?.message).toBe(
        'recordCouncilResult: sheets: level commune assesses local criteria and takes no score sheets',
      );
    });

    it('refuses a criterion that is not one of the four, naming them', () => {
      expect(refusal(commune, 'recordCouncilResult', assessment({ failedCriteria: ['tourism'] }))?.message).toBe(
        'recordCouncilResult: failedCriteria: unknown tourism; known are local-origin, local-labour, idea-origin, local-identity',
      );
    });
  });
});

describe('post-inspection', () => {
  const inspecting = app('POST_INSPECTION', { certificate: CERTIFICATE });

  it("names the action before the inspection's own problems", () => {
    const inspection = P.RecordInspection.parse({
      actor: { id: 'doan-hau-kiem-cb', role: 'inspector' },
      inspectedAt: at(1),
      result: { outcome: 'pass' },
    });
    expect(refusal(inspecting, 'recordInspection', inspection)).toEqual({
      type: 'ValidationError',
      message: 'recordInspection: inspectedAt: must not be in the future',
      nonRetryable: true,
    });
  });

  it("names the action before the revocation decision's own problems", () => {
    const decision = P.RecordRevocationDecision.parse({
      actor: coordinator,
      outcome: 'revoke',
      decision: { number: '88/QĐ-UBND', decidedOn: at(1), authority: 'UBND tỉnh Cao Bằng' },
      ground: 'food-safety',
    });
    expect(refusal(app('REVOCATION_PROPOSED'), 'recordRevocationDecision', decision)?.message).toBe(
      'recordRevocationDecision: decision.decidedOn: must not be in the future',
    );
  });
});

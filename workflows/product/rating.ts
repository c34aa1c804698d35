// What one council's result makes of the product at its level. Under the rules
// as written (patch rules-as-written) the band compares the exact mean, the
// rating is the lower of the band and the highest star whose mandatory set is
// met, a first round spread too far waits for a second, and the 1489 commune
// forwards its findings to the province. Histories recorded before rated by
// the rounded total, a bonus of up to 5, any mandatory failure as not ranked
// and a commune that could close the product; they replay that way.
import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { LevelScore } from '../../domain/product';
import {
  decideLevelOutcome,
  LEGACY_BONUS_CAP,
  type LevelOutcome,
  normaliseMandatory,
  type RuleSet,
  type Stars,
  starsForScore,
} from '../../domain/rules';
import { councilVerdict, scoreCouncil } from '../../domain/scoring';
import type { AcceptedAction, Application } from './application';

const { recordScores } = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export interface SecondRound {
  type: 'second-round';
  spread: number;
  maxSpread: number;
}

export type Rating = LevelOutcome | SecondRound;

type CouncilPayload = AcceptedAction<'recordCouncilResult'>['payload'];

/** Rates the product on one council's result, recording its score and the members' sheets. */
export async function rateLevel(
  app: Application,
  index: number,
  result: AcceptedAction<'recordCouncilResult'>,
): Promise<Rating> {
  const { payload } = result;
  const level = app.ruleSet.levels[index];
  if (level?.kind === 'assessment') {
    app.state.scores.push({ ...scoreRecord(payload), total: null, stars: null });
    const failedCriteria = payload.failedCriteria;
    // Before the rules as written a failed local criterion closed the product.
    if (!app.asWritten && failedCriteria.length > 0) return { type: 'not-ranked', reason: 'local-criteria' };
    return decideLevelOutcome(app.ruleSet, index, { kind: 'assessed', failedCriteria });
  }
  const ruleSet: RuleSet = app.asWritten ? app.ruleSet : { ...app.ruleSet, bonusCap: LEGACY_BONUS_CAP };
  const score = scoreCouncil(ruleSet, payload);
  const round = payload.round ?? 1;
  const verdict = app.asWritten ? councilVerdict(ruleSet, score, round) : ({ type: 'stands' } as const);
  app.state.scores.push({
    ...scoreRecord(payload),
    total: score.total,
    stars: app.asWritten ? score.stars : starsForScore(ruleSet, score.total),
    ...(app.asWritten ? { mean: score.mean, round, secondRound: verdict.type === 'second-round' } : {}),
  });
  await recordScores.executeWithOptions({ summary: `council sheets: ${payload.level}, round ${round}` }, [
    {
      productId: app.input.productId,
      level: payload.level,
      recordedAt: new Date().toISOString(),
      sheets: payload.sheets,
      ...(app.asWritten ? { round } : {}),
    },
  ]);
  if (verdict.type === 'second-round') return verdict;

  const held = heldStars(app);
  const provisional = held ? { stars: held } : undefined;
  if (!app.asWritten) {
    if (payload.mandatoryFailed.length > 0) return { type: 'not-ranked', reason: 'mandatory-criteria' };
    return decideLevelOutcome(ruleSet, index, { kind: 'scored', mean: score.total, mandatoryFailed: [] }, provisional);
  }
  const mandatoryFailed = normaliseMandatory(payload.mandatoryFailed);
  return decideLevelOutcome(ruleSet, index, { kind: 'scored', mean: score.mean, mandatoryFailed }, provisional);
}

/** The rating an earlier level of this cycle gave: certified meanwhile, or awaiting its decision. */
export function heldStars(app: Application): Stars | undefined {
  const stars = app.state.stars ?? (app.asWritten ? app.state.pendingRecognition?.stars : undefined);
  return stars ? (stars as Stars) : undefined;
}

/** Whether the council at the current level awaits its second round. */
export function awaitsSecondRound(state: { level: string | null; scores: readonly LevelScore[] }): boolean {
  const last = state.scores.at(-1);
  return last !== undefined && last.level === state.level && last.secondRound === true;
}

function scoreRecord(payload: CouncilPayload) {
  return {
    level: payload.level,
    meetingDate: payload.meetingDate,
    mandatoryFailed: payload.mandatoryFailed,
    failedCriteria: payload.failedCriteria,
    bonus: payload.bonus,
    members: payload.sheets.length,
  };
}

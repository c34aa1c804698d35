// The council's own rules (quy chế hoạt động của Hội đồng đánh giá, phân hạng): who
// must have scored for a result to stand, and when members disagree too much.
// Neither decision sets them; each province's regulation does, so they are
// rule-set settings. Defaults (see the README, "The rules as written"):
// - quorum 3/4, chair included: Tây Ninh's regulation, "Cuộc họp đánh giá, xếp hạng sản
//   phẩm phải có ít nhất 75% (3/4) số thành viên tham dự, trong đó phải có Chủ tịch Hội
//   đồng" (https://tayninh.gov.vn/vi/news/thong-tin-cai-cach-hanh-chinh/ban-h-nh-quy-ch-ho-t--ng-c-a-h-i--ng--nh-gi-v-x-p-h-ng-ch-ng-tr-nh-m-i-x-m-t-s-n-ph-m-ocop-t-nh-t-y-ninh-44820.html);
//   the central council meets with 5 of its 7 members (Quyết định 757/QĐ-BNN-VPĐP, 2023,
//   https://snnptnt.dongthap.gov.vn/chi-tiet-bai-viet/-/asset_publisher/1mOzUrGkrdAE/content/id/14567526).
// - spread 10 points: "Điểm của các thành viên trong Hội đồng không được chênh lệch quá 10
//   điểm ... Hội đồng ... thảo luận để thống nhất cho điểm lại" (Tây Ninh, and Đồng Tháp:
//   https://dongthapbssc.vn/hoi-dong-danh-gia-xep-hang-san-pham/). "Quá 10" is more than
//   10, so a spread of exactly 10 stands.
// - the re-scoring is one second round whose mean stands whatever its spread: no source
//   names a third, and a council cannot be left without a result.
import type { CouncilScore, Issue } from './scoring';
import type { RuleSet } from './rules';

export interface CouncilRules {
  /** Fraction of appointed members whose sheets are needed, chair included, 0..1. */
  quorum: number;
  /** Largest allowed (highest total − lowest total) in points before a second round. */
  maxSpread: number;
  /** 2: a first round over the spread goes to a second round, whose mean stands whatever its spread. */
  rounds: 1 | 2;
}

export const MAX_COUNCIL_SIZE = 50;

/** Sheets a council of `size` needs: ceil(quorum × size), with a margin for float error (2/3 × 9). */
export function quorumNeeded(rules: CouncilRules, size: number): number {
  return Math.max(1, Math.ceil(rules.quorum * size - 1e-9));
}

const NAMED_FRACTIONS: readonly [number, string][] = [
  [1, 'every member'],
  [3 / 4, 'three quarters'],
  [2 / 3, 'two thirds'],
  [1 / 2, 'half'],
];

export function describeQuorum(quorum: number): string {
  const named = NAMED_FRACTIONS.find(([fraction]) => Math.abs(fraction - quorum) < 1e-9);
  return named ? named[1] : `${Math.round(quorum * 10000) / 100}%`;
}

export interface CouncilMeeting {
  sheets: readonly { memberId: string; chair?: boolean }[];
  councilSize?: number;
  round?: 1 | 2;
}

/** The council's own rules over a result: size, quorum, one chair, the round. Returns every issue. */
export function checkCouncil(ruleSet: RuleSet, meeting: CouncilMeeting): Issue[] {
  const issues: Issue[] = [];
  const { councilSize: size, sheets } = meeting;
  if (size === undefined) {
    issues.push({ path: 'councilSize', message: 'is required: the number of appointed members, chair included' });
  } else if (!Number.isInteger(size) || size < 1 || size > MAX_COUNCIL_SIZE) {
    issues.push({ path: 'councilSize', message: `must be a whole number from 1 to ${MAX_COUNCIL_SIZE}` });
  } else {
    const needed = quorumNeeded(ruleSet.council, size);
    const rule = `the quorum under ${ruleSet.id} is ${needed} (${describeQuorum(ruleSet.council.quorum)}, chair included)`;
    if (sheets.length < needed) {
      issues.push({ path: 'sheets', message: `${sheets.length} of ${size} members scored; ${rule}` });
    } else if (sheets.length > size) {
      issues.push({ path: 'sheets', message: `${sheets.length} sheets for a council of ${size} members` });
    }
  }
  issues.push(...checkChair(sheets));
  if (meeting.round === 2 && ruleSet.council.rounds === 1) {
    issues.push({ path: 'round', message: `must be 1: councils under ${ruleSet.id} score in one round` });
  }
  return issues;
}

function checkChair(sheets: CouncilMeeting['sheets']): Issue[] {
  const chairs = sheets.flatMap((sheet, index) => (sheet.chair ? [index] : []));
  const [first, ...others] = chairs;
  if (first === undefined) {
    return [{ path: 'sheets', message: "no sheet is marked chair: the chair's sheet is needed for the quorum" }];
  }
  return others.map((index) => ({
    path: `sheets[${index}].chair`,
    message: `sheets[${first}] is already the chair's: one chair per council`,
  }));
}

export type CouncilVerdict = { type: 'stands' } | { type: 'second-round'; spread: number; maxSpread: number };

/** A first round whose members differ by more than the largest spread is scored again. */
export function councilVerdict(ruleSet: RuleSet, score: Pick<CouncilScore, 'spread'>, round: 1 | 2): CouncilVerdict {
  const { maxSpread, rounds } = ruleSet.council;
  // Compared in micro-points, as the spread was computed: 10.000001 is over 10, 10 is not.
  const over = Math.round(score.spread * 1e6) > Math.round(maxSpread * 1e6);
  if (round === 1 && rounds === 2 && over) return { type: 'second-round', spread: score.spread, maxSpread };
  return { type: 'stands' };
}

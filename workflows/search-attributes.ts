// Typed search attributes that operators filter on in Temporal UI, e.g.
// `OcopCycle = "CB-2023" AND OcopStage = "EVALUATION"`. A product's OcopStage
// is its stage; a cycle's is `CYCLE:<phase>`, so one filter never mixes the
// two. The dev-server script, the test environments and the compose set-up
// register this same list.
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

export const OcopCycle = defineSearchAttributeKey('OcopCycle', SearchAttributeType.KEYWORD);
export const OcopProvince = defineSearchAttributeKey('OcopProvince', SearchAttributeType.KEYWORD);
export const OcopStage = defineSearchAttributeKey('OcopStage', SearchAttributeType.KEYWORD);
export const OcopProductGroup = defineSearchAttributeKey('OcopProductGroup', SearchAttributeType.KEYWORD);
export const OcopSubjectType = defineSearchAttributeKey('OcopSubjectType', SearchAttributeType.KEYWORD);
export const OcopYear = defineSearchAttributeKey('OcopYear', SearchAttributeType.INT);
export const OcopStars = defineSearchAttributeKey('OcopStars', SearchAttributeType.INT);
export const OcopNextDeadline = defineSearchAttributeKey('OcopNextDeadline', SearchAttributeType.DATETIME);

export const OCOP_SEARCH_ATTRIBUTES = [
  OcopCycle,
  OcopProvince,
  OcopStage,
  OcopProductGroup,
  OcopSubjectType,
  OcopYear,
  OcopStars,
  OcopNextDeadline,
];

// How a product application starts, wherever it is started from (the cycle's
// registration, or the client directly): the same id, search attributes and
// the summary and details that Temporal UI shows operators. These and the
// search attributes name no person: whoever lists the namespace reads them,
// with or without the payload keys.
import { productWorkflowId } from '../../domain/ids';
import type { ProductApplicationInput } from '../../domain/product';
import * as SA from '../search-attributes';

export function productStartOptions(input: ProductApplicationInput) {
  return {
    workflowId: productWorkflowId(input.productId),
    args: [{ input }] as [{ input: ProductApplicationInput }],
    staticSummary: `${input.product.name} · ${input.productId} · ${input.cycleId}`,
    staticDetails:
      `OCOP product application (${input.kind ?? 'new'}) under ${input.ruleSetId}; ` +
      `a ${input.subject.type} subject, group ${input.product.group}`,
    typedSearchAttributes: [
      { key: SA.OcopCycle, value: input.cycleId },
      { key: SA.OcopProvince, value: input.province },
      { key: SA.OcopYear, value: input.year },
      { key: SA.OcopProductGroup, value: input.product.group },
      { key: SA.OcopSubjectType, value: input.subject.type },
      { key: SA.OcopStage, value: 'REGISTERED' },
    ],
  };
}

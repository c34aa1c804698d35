// The shapes the API answers with, as zod schemas for the OpenAPI document and
// the response serializer. Request bodies are the domain's own schemas
// (ACTION_BODIES in domain/product.ts); what the workflow returns is described
// here field by field: a field added to the state later is left out until it is described here.
import { z } from 'zod';
import { CalendarDeadline, CycleCalendar, CyclePhase, CycleTargets } from '../domain/cycle';
import { DecisionRef } from '../domain/recognition';
import { MandatoryFailed } from '../domain/rules';
import { ApplicationKind, DeadlineKind, Instant, LevelId, Role, Stage } from '../domain/schemas';
import { noteText } from '../domain/text';

const ActorDoc = z.object({
  id: z.string(),
  role: Role,
  level: LevelId.optional(),
  principalId: z.string().optional(),
  grantId: z.string().optional(),
});

export const ProductStateDoc = z
  .object({
    productId: z.string(),
    cycleId: z.string(),
    kind: ApplicationKind,
    stage: Stage,
    level: LevelId.nullable(),
    stars: z.number().nullable(),
    deadline: z.object({ kind: DeadlineKind, dueAt: z.string(), level: LevelId.optional() }).nullable(),
    supplementRounds: z.number(),
    scores: z.array(
      z.object({
        level: LevelId,
        meetingDate: z.string(),
        total: z.number().nullable(),
        mean: z.number().nullable().optional(),
        stars: z.number().nullable(),
        round: z.number().optional(),
        secondRound: z.boolean().optional(),
        mandatoryFailed: z.array(MandatoryFailed),
        failedCriteria: z.array(z.string()),
        bonus: z.number(),
        members: z.number(),
      }),
    ),
    certificate: z
      .object({
        number: z.string(),
        stars: z.number(),
        level: LevelId,
        decidedOn: z.string(),
        validUntil: z.string(),
        decision: DecisionRef.optional(),
      })
      .nullable(),
    pendingRecognition: z.object({ stars: z.number(), level: LevelId }).nullable().optional(),
    inspections: z.array(
      z.object({
        round: z.number(),
        dueAt: z.string(),
        inspectedAt: z.string(),
        outcome: z.string(),
        detail: z.string().optional(),
      }),
    ),
    history: z.array(
      z.object({
        seq: z.number(),
        action: z.string(),
        actor: ActorDoc,
        stageFrom: Stage.nullable(),
        stageTo: Stage,
        level: LevelId.nullable(),
        at: z.string(),
      }),
    ),
  })
  .meta({ id: 'ProductState', description: "The product workflow's state, as its query gives it" });

export const ActionAnswerDoc = ProductStateDoc.pick({
  productId: true,
  cycleId: true,
  kind: true,
  stage: true,
  level: true,
  stars: true,
  deadline: true,
  supplementRounds: true,
  certificate: true,
})
  .extend({
    pendingRecognition: ProductStateDoc.shape.pendingRecognition.unwrap(),
    score: ProductStateDoc.shape.scores.element.nullable(),
    transition: ProductStateDoc.shape.history.element.nullable(),
  })
  .meta({
    id: 'ActionAnswer',
    description:
      'What an action answers: where the application stands once the action is recorded, the transition it ' +
      'recorded and the latest council score (GET /v1/products/{productId} has the scores, inspections and timeline)',
  });

export const CycleStateDoc = z
  .object({
    cycleId: z.string(),
    province: z.string(),
    year: z.number(),
    ruleSetId: z.string(),
    phase: CyclePhase,
    phaseEndsAt: z.string().nullable(),
    calendar: CycleCalendar,
    targets: CycleTargets,
    registered: z.number(),
  })
  .meta({ id: 'CycleState', description: "The annual cycle workflow's state" });

export const CycleSummary = z.object({
  cycleId: z.string(),
  province: z.string(),
  year: z.number(),
  ruleSetId: z.string(),
  phase: z.string(),
  calendar: CycleCalendar.pick({ registrationOpens: true, cycleEnds: true }),
});

export const Started = z.object({ cycleId: z.string(), workflowId: z.string() });
export const Registered = z.object({ productId: z.string(), workflowId: z.string() });

export const ExtendCalendarBody = z.strictObject({
  deadline: CalendarDeadline,
  until: Instant,
  reason: noteText(1000, 'must give the reason'),
});

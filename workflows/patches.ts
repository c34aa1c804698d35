// The one registry of workflow versions. Each id gates a change to the logic
// of workflows already running: a run replaying history recorded before the
// change takes the old path, a run that has caught up takes the new one. An id
// is retired (its old path deleted) once no open workflow and no replay test
// history was recorded before it.
import { patched } from '@temporalio/workflow';

export interface PatchEntry {
  /** What the patched path does that the old one did not. */
  purpose: string;
  /** When it shipped (ISO date). */
  since: string;
  /** When the old path can be deleted. */
  retireWhen: string;
}

/** Reminders follow the notification policy kind by kind (product). */
export const PER_KIND_REMINDERS = 'per-kind-reminders';
/** A closing application ends its certificate before its own row says it closed (product). */
export const CERTIFICATE_ENDS_FIRST = 'certificate-ends-first';
/** A potential 5-star product keeps the province's rating whatever becomes of its candidacy (product). */
export const CANDIDACY_KEEPS_RATING = 'candidacy-keeps-rating';
/** A calendar extension waits for a registration in flight (cycle). */
export const EXTENSION_AFTER_REGISTRATION = 'extension-after-registration';
/** A calendar extension skips an application whose workflow is gone (cycle). */
export const ENDED_APPLICATIONS_SKIPPED = 'ended-applications-skipped';
/** The rules of Decisions 148 and 1489 as written: issue 11 (product). */
export const RULES_AS_WRITTEN = 'rules-as-written';
/** The cycle starts its applications as productApplicationV2, which records no patch markers (cycle). */
export const APPLICATIONS_V2 = 'applications-v2';
/** A transition is recorded by a local activity, and only the search attributes it changed are upserted (product). */
export const LOCAL_RECORDING = 'local-recording';
/** A registration whose application fails to start spends its serial and releases its reservation (cycle). */
export const FAILED_STARTS_RELEASED = 'failed-starts-released';
/** A supersession signalled by another workflow is believed only once the read model confirms it (product). */
export const VERIFIED_SUPERSESSION = 'verified-supersession';

export type PatchId =
  | typeof PER_KIND_REMINDERS
  | typeof CERTIFICATE_ENDS_FIRST
  | typeof CANDIDACY_KEEPS_RATING
  | typeof EXTENSION_AFTER_REGISTRATION
  | typeof ENDED_APPLICATIONS_SKIPPED
  | typeof RULES_AS_WRITTEN
  | typeof LOCAL_RECORDING
  | typeof APPLICATIONS_V2
  | typeof VERIFIED_SUPERSESSION
  | typeof FAILED_STARTS_RELEASED;

const UNTIL_LAST_CERTIFICATE = 'no product application started before it is still open (certificates run 36 months)';
const UNTIL_CYCLES_END = 'no cycle workflow started before it is still open (a cycle runs one year)';

export const PATCHES: Readonly<Record<PatchId, PatchEntry>> = {
  [PER_KIND_REMINDERS]: {
    purpose: 'deadline reminders follow the notification policy kind by kind, not one list of offsets',
    since: '2026-11-28',
    retireWhen: UNTIL_LAST_CERTIFICATE,
  },
  [CERTIFICATE_ENDS_FIRST]: {
    purpose: 'an expiring, superseded or revoked application ends its certificate before recording its close',
    since: '2026-11-28',
    retireWhen: UNTIL_LAST_CERTIFICATE,
  },
  [CANDIDACY_KEEPS_RATING]: {
    purpose: 'a potential 5-star product certified 4 stars meanwhile keeps them whatever the central council does',
    since: '2026-11-28',
    retireWhen: UNTIL_LAST_CERTIFICATE,
  },
  [EXTENSION_AFTER_REGISTRATION]: {
    purpose: 'a calendar extension waits for a registration in flight, so no application misses the new date',
    since: '2026-11-28',
    retireWhen: UNTIL_CYCLES_END,
  },
  [ENDED_APPLICATIONS_SKIPPED]: {
    purpose: 'a calendar extension skips an application whose workflow has ended instead of failing',
    since: '2026-11-28',
    retireWhen: UNTIL_CYCLES_END,
  },
  [RULES_AS_WRITTEN]: {
    purpose:
      'exact means against the bands, mandatory criteria by star, council quorum and second round, the 1489 ' +
      'commune forwards its findings, the recognition decision before the certificate, upgrades that are not ' +
      'higher leave the certificate alone, failed re-evaluations end the previous certificate',
    since: '2026-12-02',
    retireWhen: UNTIL_LAST_CERTIFICATE,
  },
  [LOCAL_RECORDING]: {
    purpose:
      'a transition is persisted by a local activity within the workflow task that decides it (no activity ' +
      'task, its input kept out of the history), and only the search attributes it changed are upserted',
    since: '2026-12-03',
    retireWhen: UNTIL_LAST_CERTIFICATE,
  },
  [APPLICATIONS_V2]: {
    purpose: 'a cycle starts each application it registers as productApplicationV2 (no patch markers in its history)',
    since: '2026-12-03',
    retireWhen: UNTIL_CYCLES_END,
  },
  [VERIFIED_SUPERSESSION]: {
    purpose:
      'the superseded signal ends nothing until the read model shows the sender as a later application of the ' +
      'same product, by the same subject, holding a newer active certificate (issue 13: a forged signal closed one)',
    since: '2026-12-03',
    retireWhen: UNTIL_LAST_CERTIFICATE,
  },
  [FAILED_STARTS_RELEASED]: {
    purpose:
      'a registration whose application fails to start spends its serial and releases its reservation, so no ' +
      'number is given twice and later registrations go on (issue 13: one failed start refused every later one)',
    since: '2026-12-03',
    retireWhen: UNTIL_CYCLES_END,
  },
};

/**
 * The patches productApplicationV2 was born with: it takes them without
 * asking. A patch added after it shipped is asked like any other, for its
 * runs already open took the old path.
 */
export const BORN_WITH_V2: ReadonlySet<PatchId> = new Set<PatchId>([
  PER_KIND_REMINDERS,
  CERTIFICATE_ENDS_FIRST,
  CANDIDACY_KEEPS_RATING,
  EXTENSION_AFTER_REGISTRATION,
  ENDED_APPLICATIONS_SKIPPED,
  RULES_AS_WRITTEN,
  LOCAL_RECORDING,
  APPLICATIONS_V2,
]);

/**
 * Which patched paths one run takes. A run must take one path, so the first
 * answer for an id holds for the rest of it.
 */
export class Patches {
  private readonly decided = new Map<PatchId, boolean>();

  /**
   * `taken`: the patches a workflow type that began after them
   * (productApplicationV2: BORN_WITH_V2) takes without asking, so its history
   * carries no marker for them.
   */
  constructor(private readonly taken: ReadonlySet<PatchId> = new Set()) {}

  /** Whether this run takes the patched path of `id`; asked at the first point where the paths part. */
  has(id: PatchId): boolean {
    if (this.taken.has(id)) return true;
    let answer = this.decided.get(id);
    if (answer === undefined) {
      answer = patched(id);
      this.decided.set(id, answer);
    }
    return answer;
  }
}

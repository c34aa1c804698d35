// Cao Bằng's 2023 cycle on a compressed calendar, about three minutes from
// registration to the final report. The subjects, the district officers, the
// councils' secretaries and the provincial office act through the client
// library, as they would through the `ocop` command, at their moments of
// the calendar; the engine alone decides stars, forwarding and lapses.
import type { OcopClient } from '../../client/ocop-client';
import type { CycleInput } from '../../domain/cycle';
import { formatDateTimeVN } from '../../domain/dates';
import { cycleWorkflowId } from '../../domain/ids';
import type { ProductState } from '../../domain/product';
import type { CycleReport } from '../../domain/report';
import type { Actor, LevelId } from '../../domain/schemas';
import type { annualCycle } from '../../workflows/cycle/workflow';
import { councilSheets, type DemoProduct, DOSSIER, PRODUCTS, type ScoredFate, slug } from './products';
import { LEVEL_VN, SUBJECT_VN, vn } from './report';

export const CYCLE_ID = 'CB-2023';
export const PLAN = 'Kế hoạch 1070/KH-UBND ngày 05/05/2023 của UBND tỉnh Cao Bằng';

/** The calendar, in seconds after the cycle starts. */
const CALENDAR = {
  registrationCloses: 40,
  dossierDeadline: 75,
  district: 120,
  province: 150,
  central: 170,
  cycleEnds: 185,
};

/**
 * When each party acts, in seconds after the start: each council after the
 * level below has sat, and everyone on time before the first reminder (20 s
 * before a deadline), so reminders and escalations go only to the subjects
 * that let their dossier deadline pass. A review is due 30 s after the
 * dossier it reviews.
 */
const MOMENTS = {
  submit: 14,
  review: 20,
  supplement: 30,
  secondReview: 36,
  supplementDue: 60,
  district: 80,
  /** The dossier deadline, its grace of 10 s, and a moment for the engine. */
  lapsed: CALENDAR.dossierDeadline + 13,
  province: 125,
  central: 145,
};

/** Five at a time, as a handful of officers would work through their lists. */
const BATCH = 5;

function demoCycle(start: number): CycleInput {
  const at = (seconds: number) => new Date(start + seconds * 1000).toISOString();
  return {
    province: 'CB',
    year: 2023,
    ruleSetId: 'OCOP_148_2023',
    compressed: true,
    calendar: {
      registrationOpens: at(0),
      registrationCloses: at(CALENDAR.registrationCloses),
      dossierDeadline: at(CALENDAR.dossierDeadline),
      evaluation: { district: at(CALENDAR.district), province: at(CALENDAR.province), central: at(CALENDAR.central) },
      cycleEnds: at(CALENDAR.cycleEnds),
    },
    targets: { newProductsThreeStarsOrMore: 30, productsFourStarsOrMore: 2, cooperativeShare: 0.4, smeShare: 0.3 },
    durations: {
      dossierReview: 'PT30S',
      evaluation: 'PT40S',
      lapseGrace: 'PT10S',
      reminderOffsets: ['PT20S', 'PT5S'],
      certificateValidity: 'PT6M',
      postInspectionInterval: 'PT2M',
      expiryNoticeLead: 'PT1M',
    },
    notices: { registrationCloses: ['PT20S'] },
  };
}

const coordinator: Actor = { id: 'vp-dieu-phoi-ocop-cao-bang', role: 'coordinator' };

const officer = (product: DemoProduct): Actor => ({
  id: `can-bo-ocop-${slug(product.district)}`,
  role: 'officer',
  level: 'district',
});

const secretary = (level: LevelId, product: DemoProduct): Actor => ({
  id: level === 'district' ? `thu-ky-hd-${slug(product.district)}` : `thu-ky-hd-${slug(LEVEL_VN[level])}`,
  role: 'council_secretary',
  level,
});

const producer = (product: DemoProduct): Actor => ({ id: product.subject.id, role: 'producer' });

interface Entry {
  product: DemoProduct;
  productId: string;
  /** Varies the members' sheets from one product to the next. */
  seed: number;
}

async function inBatches<T, R>(items: readonly T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += BATCH) {
    results.push(...(await Promise.all(items.slice(i, i + BATCH).map(work))));
  }
  return results;
}

const scoredFate = (entry: Entry): ScoredFate | null =>
  entry.product.fate.kind === 'scored' ? entry.product.fate : null;

/** What a council's result did to the product, in the words of a coordinator. */
function councilOutcome(state: ProductState): string {
  const last = state.scores.at(-1);
  const points = last?.total == null ? '' : `${vn(last.total)} điểm`;
  switch (state.stage) {
    case 'CERTIFIED':
      return `${points} → công nhận ${state.stars}★, giấy chứng nhận số ${state.certificate?.number ?? '—'}`;
    case 'EVALUATION': {
      const meanwhile = state.certificate
        ? `; tiềm năng 5 sao, trong khi chờ đã được công nhận ${state.stars}★ (giấy chứng nhận số ${state.certificate.number})`
        : '';
      return `${points} → chuyển Hội đồng cấp ${LEVEL_VN[state.level ?? 'province']}${meanwhile}`;
    }
    case 'NOT_RANKED':
      return last?.mandatoryFailed.length
        ? `${points} nhưng không đạt tiêu chí bắt buộc (${last.mandatoryFailed.join(', ')}) → không xếp hạng`
        : `${points} → không xếp hạng (dưới 50 điểm)`;
    default:
      return `${points} → ${state.stage}`;
  }
}

export class DemoCycle {
  private readonly start = Date.now();
  private entries: readonly Entry[] = [];

  constructor(
    private readonly client: OcopClient,
    private readonly log: (line: string) => void,
  ) {}

  private say(text: string): void {
    const seconds = Math.floor((Date.now() - this.start) / 1000);
    const clock = `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
    this.log(`[+${clock}] ${text}`);
  }

  private heading(text: string): void {
    this.log(`\n── ${text}`);
  }

  private at(seconds: number): string {
    return formatDateTimeVN(new Date(this.start + seconds * 1000));
  }

  /** Waits for a moment of the calendar; a step that ran late goes on at once. */
  private async until(seconds: number): Promise<void> {
    const wait = this.start + seconds * 1000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  }

  private where(entry: Entry, text: string): void {
    this.say(`${entry.productId}  ${entry.product.name}: ${text}`);
  }

  /** Runs the year and returns the cycle's final report, written when the calendar ends. */
  async run(): Promise<CycleReport> {
    await this.open();
    await this.register();
    await this.dossiers();
    await this.councils();
    this.heading(`Kết thúc chu trình lúc ${this.at(CALENDAR.cycleEnds)}: chờ báo cáo cuối kỳ`);
    const report = await this.client.client.workflow.getHandle<typeof annualCycle>(cycleWorkflowId(CYCLE_ID)).result();
    this.say(`chu trình ${CYCLE_ID} đã kết thúc, báo cáo cuối kỳ đã lập`);
    return report;
  }

  /** Every product's state as the engine holds it now. */
  async outcomes(): Promise<{ product: DemoProduct; state: ProductState }[]> {
    return inBatches(this.entries, async (entry) => ({
      product: entry.product,
      state: await this.client.productState(entry.productId),
    }));
  }

  private async open(): Promise<void> {
    await this.client.startCycle(demoCycle(this.start));
    this.heading(`Chu trình OCOP ${CYCLE_ID} theo Quyết định 148/QĐ-TTg, chỉ tiêu theo ${PLAN}`);
    this.say(
      `mở đăng ký đến ${this.at(CALENDAR.registrationCloses)}; hạn nộp hồ sơ ${this.at(CALENDAR.dossierDeadline)}; ` +
        `hội đồng huyện đến ${this.at(CALENDAR.district)}, tỉnh ${this.at(CALENDAR.province)}, ` +
        `Trung ương ${this.at(CALENDAR.central)}; kết thúc ${this.at(CALENDAR.cycleEnds)}`,
    );
  }

  private async register(): Promise<void> {
    this.heading(`Đăng ký sản phẩm (${PRODUCTS.length} sản phẩm)`);
    // The cycle numbers registrations in the order they reach it, so ids within a batch vary from run to run.
    this.entries = await inBatches([...PRODUCTS.entries()], async ([seed, product]) => {
      // The provincial office registers for the small subjects it helps along.
      const small = product.subject.type === 'household' || product.subject.type === 'cooperative_group';
      const { productId } = await this.client.registerProduct(CYCLE_ID, {
        actor: small ? coordinator : producer(product),
        product: { name: product.name, group: product.group },
        subject: product.subject,
      });
      const by = small ? ', Văn phòng Điều phối đăng ký thay' : '';
      this.say(
        `${productId}  đăng ký ${product.name} · ${product.subject.name} (${SUBJECT_VN[product.subject.type]}${by})`,
      );
      return { product, productId, seed };
    });
  }

  private async dossiers(): Promise<void> {
    await this.until(MOMENTS.submit);
    this.heading(`Nộp hồ sơ (hạn ${this.at(CALENDAR.dossierDeadline)})`);
    const submitting = this.entries.filter((e) => e.product.fate.kind !== 'lapses');
    await inBatches(submitting, async (entry) => {
      await this.client.act(entry.productId, 'submitDossier', { actor: producer(entry.product), documents: DOSSIER });
      this.where(entry, `nộp hồ sơ (${DOSSIER.length} tài liệu)`);
    });
    for (const entry of this.entries.filter((e) => e.product.fate.kind === 'lapses')) {
      this.where(entry, 'chưa nộp hồ sơ');
    }

    await this.until(MOMENTS.review);
    this.heading('Cấp huyện thẩm định hồ sơ');
    await inBatches(submitting, (entry) => this.review(entry));

    const supplementing = this.entries.filter((e) => scoredFate(e)?.supplement);
    await this.until(MOMENTS.supplement);
    this.heading('Chủ thể bổ sung hồ sơ');
    await inBatches(supplementing, async (entry) => {
      const documents = scoredFate(entry)?.supplement ?? [];
      await this.client.act(entry.productId, 'submitSupplement', { actor: producer(entry.product), documents });
      this.where(entry, `bổ sung ${documents.join(', ')}`);
    });
    await this.until(MOMENTS.secondReview);
    await inBatches(supplementing, async (entry) => {
      await this.client.act(entry.productId, 'reviewDossier', {
        actor: officer(entry.product),
        decision: { outcome: 'accept' },
      });
      this.where(entry, 'hồ sơ đã đủ, chuyển Hội đồng cấp huyện');
    });
  }

  private async review(entry: Entry): Promise<void> {
    const { fate } = entry.product;
    const actor = officer(entry.product);
    if (fate.kind === 'rejected') {
      await this.client.act(entry.productId, 'reviewDossier', {
        actor,
        decision: { outcome: 'reject', reason: fate.reason },
      });
      this.where(entry, `từ chối hồ sơ: ${fate.reason}`);
    } else if (fate.kind === 'scored' && fate.supplement) {
      const dueAt = new Date(this.start + MOMENTS.supplementDue * 1000).toISOString();
      await this.client.act(entry.productId, 'reviewDossier', {
        actor,
        decision: { outcome: 'request-supplement', missing: fate.supplement, dueAt },
      });
      this.where(entry, `yêu cầu bổ sung ${fate.supplement.join(', ')} trước ${formatDateTimeVN(dueAt)}`);
    } else {
      await this.client.act(entry.productId, 'reviewDossier', { actor, decision: { outcome: 'accept' } });
      this.where(entry, 'hồ sơ hợp lệ, chuyển Hội đồng cấp huyện');
    }
  }

  private async councils(): Promise<void> {
    await this.until(MOMENTS.district);
    this.heading(`Hội đồng cấp huyện đánh giá, phân hạng (hạn ${this.at(CALENDAR.district)})`);
    await this.council('district', (fate) => fate.district);

    await this.until(MOMENTS.lapsed);
    this.heading('Sản phẩm quá hạn nộp hồ sơ');
    for (const entry of this.entries.filter((e) => e.product.fate.kind === 'lapses')) {
      const { stage } = await this.client.productState(entry.productId);
      this.where(entry, stage === 'LAPSED' ? 'LAPSED: quá hạn nộp hồ sơ, không được gia hạn' : `${stage}: chưa đóng`);
    }

    await this.until(MOMENTS.province);
    this.heading(`Hội đồng cấp tỉnh đánh giá, phân hạng (hạn ${this.at(CALENDAR.province)})`);
    await this.council('province', (fate) => fate.province);

    await this.until(MOMENTS.central);
    this.heading(`Hội đồng cấp Trung ương đánh giá sản phẩm tiềm năng 5 sao (hạn ${this.at(CALENDAR.central)})`);
    await this.council('central', (fate) => fate.central);
  }

  /** One level's council sits for every product the script brings before it. */
  private async council(level: LevelId, total: (fate: ScoredFate) => number | undefined): Promise<void> {
    const before = this.entries.flatMap((entry) => {
      const fate = scoredFate(entry);
      const points = fate ? total(fate) : undefined;
      return fate && points !== undefined ? [{ entry, fate, points }] : [];
    });
    await inBatches(before, async ({ entry, fate, points }) => {
      const state = await this.client.act(entry.productId, 'recordCouncilResult', {
        actor: secretary(level, entry.product),
        level,
        // A meeting date in the future is refused, and the workflow's clock may trail this one a little.
        meetingDate: new Date(Date.now() - 1000).toISOString(),
        sheets: councilSheets(points, entry.seed),
        mandatoryFailed: fate.mandatoryFailed ?? [],
      });
      this.where(entry, councilOutcome(state));
    });
  }
}

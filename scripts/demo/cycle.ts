// Cao Bằng's 2023 cycle on a compressed calendar, about three minutes from
// registration to the final report. The people of the dev OpenID provider act
// through the API with their own tokens at their moments of the calendar: the
// coordinator opens the cycle and imports the registrations, producers submit
// their dossiers, district officers review them and councils' secretaries
// record results; the engine alone decides stars, forwarding and lapses.
import type { ImportResult } from '../../client/api-client';
import { CAO_BANG_2023_TARGETS, type CycleInput } from '../../domain/cycle';
import { formatDateTimeVN } from '../../domain/dates';
import type { ActionAnswer, ProductState } from '../../domain/product';
import type { CycleReport } from '../../domain/report';
import type { LevelId } from '../../domain/schemas';
import type { ActionName } from '../../domain/stages';
import { byWhom, type Cast, type Part, refusal } from './cast';
import { registrationsCsv, untilListed } from './registration';
import { type AwaitingDecision, awaiting, decisionsFor, outcomeText, recordDecisions } from './decisions';
import {
  COUNCIL_SIZE,
  councilSheets,
  type DemoProduct,
  DISTRICT_CODE,
  DOSSIER,
  PRODUCTS,
  type ScoredFate,
} from './products';
import { councilOutcome, SUBJECT_VN } from './report';

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
    targets: CAO_BANG_2023_TARGETS,
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

export class DemoCycle {
  private readonly start = Date.now();
  private entries: readonly Entry[] = [];
  /** The number the next recognition decision gets. */
  private nextDecision = 1201;

  /** `ended` resolves when the cycle's workflow has written its final report. */
  constructor(
    private readonly cast: Cast,
    private readonly log: (line: string) => void,
    private readonly ended: () => Promise<void>,
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

  private where(entry: Entry, part: Part, text: string): void {
    this.say(`${entry.productId}  ${entry.product.name}: ${text} · ${byWhom(part)}`);
  }

  /** One human action through its API endpoint, as `part`'s person. */
  private async act(
    entry: Entry,
    part: Part,
    action: ActionName,
    body: Record<string, unknown>,
  ): Promise<ActionAnswer> {
    try {
      return await part.person.api.act(entry.productId, action, body);
    } catch (error) {
      throw refusal(part, `${action} on ${entry.productId}`, error);
    }
  }

  /** Runs the year and returns the cycle's final report, as GET /v1/cycles/{id}/report gives it. */
  async run(): Promise<CycleReport> {
    await this.open();
    await this.register();
    await this.dossiers();
    await this.councils();
    this.heading(`Kết thúc chu trình lúc ${this.at(CALENDAR.cycleEnds)}: chờ báo cáo cuối kỳ`);
    await this.ended();
    const report = await this.cast.coordinator.api.report(CYCLE_ID);
    this.say(`chu trình ${CYCLE_ID} đã kết thúc, báo cáo cuối kỳ đã lập`);
    return report;
  }

  /** Every product's state as the engine holds it now, read through the API by the coordinator. */
  async outcomes(): Promise<{ product: DemoProduct; state: ProductState }[]> {
    return inBatches(this.entries, async (entry) => ({
      product: entry.product,
      state: (await this.cast.coordinator.api.product(entry.productId)).state,
    }));
  }

  /** The product a producer with a demo account registered itself, to show its timeline. */
  get showcase(): string | undefined {
    return this.entries.find(
      (e) => this.cast.producer(e.product).onBehalfOf === null && e.product.fate.kind === 'scored',
    )?.productId;
  }

  private async open(): Promise<void> {
    const { coordinator } = this.cast;
    await coordinator.api.startCycle(demoCycle(this.start));
    this.heading(`Chu trình OCOP ${CYCLE_ID} theo Quyết định 148/QĐ-TTg, chỉ tiêu theo ${PLAN}`);
    this.say(
      `${coordinator.name} mở chu trình: đăng ký đến ${this.at(CALENDAR.registrationCloses)}; ` +
        `hạn nộp hồ sơ ${this.at(CALENDAR.dossierDeadline)}; hội đồng huyện đến ${this.at(CALENDAR.district)}, ` +
        `tỉnh ${this.at(CALENDAR.province)}, Trung ương ${this.at(CALENDAR.central)}; kết thúc ${this.at(CALENDAR.cycleEnds)}`,
    );
    this.say(
      `${this.cast.size} người đăng nhập và làm việc qua API. Huyện Trùng Khánh (047) và Hòa An (051) có cán bộ và ` +
        'thư ký hội đồng riêng; ở các huyện khác, ở Hội đồng cấp Trung ương và cho các chủ thể chưa có tài khoản, ' +
        `Văn phòng Điều phối tỉnh (${coordinator.name}) làm thay (the coordinator acts for those without an account)`,
    );
  }

  private async register(): Promise<void> {
    this.heading(`Đăng ký sản phẩm (${PRODUCTS.length} sản phẩm)`);
    const indexed = [...PRODUCTS.entries()];
    const own = indexed.filter(([, product]) => this.cast.producer(product).onBehalfOf === null);
    const imported = indexed.filter(([, product]) => this.cast.producer(product).onBehalfOf !== null);
    const byImport = await this.importRegistrations(imported.map(([, product]) => product));
    const importedEntries = imported.map(([seed, product], i): Entry => {
      const productId = byImport.get(i);
      if (!productId) throw new Error(`the import registered no product for ${product.name}`);
      return { product, productId, seed };
    });
    const ownEntries = await inBatches(own, async ([seed, product]): Promise<Entry> => {
      const part = this.cast.producer(product);
      const { subject } = product;
      let productId: string;
      try {
        ({ productId } = await part.person.api.registerProduct(CYCLE_ID, {
          product: { name: product.name, group: product.group },
          subject,
          unit: DISTRICT_CODE[product.district],
        }));
      } catch (error) {
        throw refusal(part, `registering ${product.name}`, error);
      }
      this.say(`${productId}  ${part.person.name} tự đăng ký ${product.name} (${SUBJECT_VN[subject.type]})`);
      return { product, productId, seed };
    });
    this.entries = [...importedEntries, ...ownEntries].sort((a, b) => a.seed - b.seed);
  }

  /** The coordinator's spreadsheet, sent to POST /v1/cycles/{id}/imports; each row's product id by its place in the list. */
  private async importRegistrations(products: readonly DemoProduct[]): Promise<Map<number, string>> {
    const part: Part = { person: this.cast.coordinator, onBehalfOf: `${products.length} chủ thể` };
    let result: ImportResult;
    try {
      await untilListed(part.person.api, CYCLE_ID);
      result = await part.person.api.importProducts(CYCLE_ID, registrationsCsv(products));
    } catch (error) {
      throw refusal(part, 'importing the registrations', error);
    }
    const refused = result.rows.filter((row) => row.status !== 'registered');
    if (refused.length) {
      const first = refused[0];
      throw new Error(
        `the import refused ${refused.length} row(s), e.g. line ${first?.line}: ${JSON.stringify(first?.error)}`,
      );
    }
    const ids = new Map<number, string>();
    // The header is line 1 of the file, so the i-th product is line i + 2.
    for (const row of result.rows) if (row.productId) ids.set(row.line - 2, row.productId);
    products.forEach((product, i) => {
      const id = ids.get(i) ?? '?';
      this.say(`${id}  đăng ký ${product.name} · ${product.subject.name} (${SUBJECT_VN[product.subject.type]})`);
    });
    this.say(`${byWhom(part)}: nhập ${result.registered} đăng ký từ tệp CSV (POST /v1/cycles/${CYCLE_ID}/imports)`);
    return ids;
  }

  private async dossiers(): Promise<void> {
    await this.until(MOMENTS.submit);
    this.heading(`Nộp hồ sơ (hạn ${this.at(CALENDAR.dossierDeadline)})`);
    const submitting = this.entries.filter((e) => e.product.fate.kind !== 'lapses');
    await inBatches(submitting, async (entry) => {
      const part = this.cast.producer(entry.product);
      await this.act(entry, part, 'submitDossier', { documents: DOSSIER });
      this.where(entry, part, `nộp hồ sơ (${DOSSIER.length} tài liệu)`);
    });
    for (const entry of this.entries.filter((e) => e.product.fate.kind === 'lapses')) {
      this.where(entry, this.cast.producer(entry.product), 'chưa nộp hồ sơ');
    }

    await this.until(MOMENTS.review);
    this.heading('Cấp huyện thẩm định hồ sơ');
    await inBatches(submitting, (entry) => this.review(entry));

    const supplementing = this.entries.filter((e) => scoredFate(e)?.supplement);
    await this.until(MOMENTS.supplement);
    this.heading('Chủ thể bổ sung hồ sơ');
    await inBatches(supplementing, async (entry) => {
      const documents = scoredFate(entry)?.supplement ?? [];
      const part = this.cast.producer(entry.product);
      await this.act(entry, part, 'submitSupplement', { documents });
      this.where(entry, part, `bổ sung ${documents.join(', ')}`);
    });
    await this.until(MOMENTS.secondReview);
    await inBatches(supplementing, async (entry) => {
      const part = this.cast.officer(entry.product);
      await this.act(entry, part, 'reviewDossier', { decision: { outcome: 'accept' } });
      this.where(entry, part, 'hồ sơ đã đủ, chuyển Hội đồng cấp huyện');
    });
  }

  private async review(entry: Entry): Promise<void> {
    const { fate } = entry.product;
    const part = this.cast.officer(entry.product);
    if (fate.kind === 'rejected') {
      await this.act(entry, part, 'reviewDossier', { decision: { outcome: 'reject', reason: fate.reason } });
      this.where(entry, part, `từ chối hồ sơ: ${fate.reason}`);
    } else if (fate.kind === 'scored' && fate.supplement) {
      const dueAt = new Date(this.start + MOMENTS.supplementDue * 1000).toISOString();
      await this.act(entry, part, 'reviewDossier', {
        decision: { outcome: 'request-supplement', missing: fate.supplement, dueAt },
      });
      this.where(entry, part, `yêu cầu bổ sung ${fate.supplement.join(', ')} trước ${formatDateTimeVN(dueAt)}`);
    } else {
      await this.act(entry, part, 'reviewDossier', { decision: { outcome: 'accept' } });
      this.where(entry, part, 'hồ sơ hợp lệ, chuyển Hội đồng cấp huyện');
    }
  }

  private async councils(): Promise<void> {
    await this.until(MOMENTS.district);
    this.heading(`Hội đồng cấp huyện đánh giá, phân hạng (hạn ${this.at(CALENDAR.district)})`);
    await this.council('district', (fate) => fate.district);

    await this.until(MOMENTS.lapsed);
    this.heading('Sản phẩm quá hạn nộp hồ sơ');
    await this.lapsed();

    await this.until(MOMENTS.province);
    this.heading(`Hội đồng cấp tỉnh đánh giá, phân hạng (hạn ${this.at(CALENDAR.province)})`);
    await this.council('province', (fate) => fate.province);

    await this.until(MOMENTS.central);
    this.heading(`Hội đồng cấp Trung ương đánh giá sản phẩm tiềm năng 5 sao (hạn ${this.at(CALENDAR.central)})`);
    await this.council('central', (fate) => fate.central);
  }

  /** What the coordinator's list shows as lapsed (GET /v1/products?cycle&stage=LAPSED), against the products that did not submit. */
  private async lapsed(): Promise<void> {
    const part: Part = { person: this.cast.coordinator, onBehalfOf: null };
    const page = await part.person.api.listProducts({ cycle: CYCLE_ID, stage: 'LAPSED', limit: 200 });
    const lapsed = new Set(page.items.map((item) => item.productId));
    for (const entry of this.entries.filter((e) => e.product.fate.kind === 'lapses')) {
      const text = lapsed.has(entry.productId)
        ? 'LAPSED: quá hạn nộp hồ sơ, không được gia hạn'
        : 'chưa đóng: danh sách chưa ghi LAPSED';
      this.where(entry, part, text);
    }
  }

  /** One level's council sits for every product the script brings before it; its secretary records the result. */
  private async council(level: LevelId, total: (fate: ScoredFate) => number | undefined): Promise<void> {
    const before = this.entries.flatMap((entry) => {
      const fate = scoredFate(entry);
      const points = fate ? total(fate) : undefined;
      return fate && points !== undefined ? [{ entry, fate, points }] : [];
    });
    const rated = await inBatches(before, async ({ entry, fate, points }): Promise<AwaitingDecision> => {
      const part = this.cast.secretary(level, entry.product);
      const state = await this.act(entry, part, 'recordCouncilResult', {
        level,
        // A meeting date in the future is refused, and the workflow's clock may trail this one a little.
        meetingDate: new Date(Date.now() - 1000).toISOString(),
        councilSize: COUNCIL_SIZE,
        round: 1,
        sheets: councilSheets(points, entry.seed),
        mandatoryFailed: fate.mandatoryFailed ?? [],
      });
      this.where(entry, part, councilOutcome(state));
      return { productId: entry.productId, district: entry.product.district, state };
    });
    await this.decide(awaiting(rated));
  }

  /** The authorities' recognition decisions on what the council rated, one per authority, recorded by the office. */
  private async decide(rated: readonly AwaitingDecision[]): Promise<void> {
    const part: Part = { person: this.cast.coordinator, onBehalfOf: null };
    const decisions = decisionsFor(rated, this.nextDecision, 2023);
    this.nextDecision += decisions.length;
    const names = new Map(this.entries.map((e) => [e.productId, e.product.name]));
    const answers = await recordDecisions(part.person, CYCLE_ID, decisions, (decision, error) =>
      refusal(part, `recording decision ${decision.number}`, error),
    );
    decisions.forEach((decision, i) => {
      this.say(
        `${byWhom(part)} ghi Quyết định ${decision.number} của ${decision.authority}: ` +
          `công nhận ${decision.products.length} sản phẩm`,
      );
      for (const outcome of answers[i]?.products ?? []) {
        this.say(`${outcome.productId}  ${names.get(outcome.productId) ?? ''}: ${outcomeText(outcome)}`);
      }
    });
  }
}

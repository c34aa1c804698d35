import {
  audienceFor,
  Contact,
  DEFAULT_POLICY,
  defaultAudience,
  NotificationPolicyOverrides,
  NotificationTemplate,
  resolvePolicy,
} from '../../domain/notifications';
import { durationInWords, renderNotification } from '../../activities/notifications/render';
import { en } from '../../activities/notifications/templates/en';
import { vi } from '../../activities/notifications/templates/vi';
import { DeadlineKind } from '../../domain/product';
import { PROVINCES } from '../../domain/provinces';
import { RevocationGround } from '../../domain/recognition';
import { PROVINCE_CODE, Stage } from '../../domain/schemas';

const issues = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('the reminder policy', () => {
  it('names offsets, recipients and escalation for every deadline kind', () => {
    expect(Object.keys(DEFAULT_POLICY).sort()).toEqual([...DeadlineKind.options].sort());
    for (const kind of DeadlineKind.options) {
      expect(DEFAULT_POLICY[kind].recipients.length).toBeGreaterThan(0);
      expect(DEFAULT_POLICY[kind].escalateTo).toContain('coordinator');
    }
    expect(DEFAULT_POLICY.dossier).toEqual({
      offsets: ['P7D', 'P1D'],
      recipients: ['subject'],
      escalateTo: ['officer', 'coordinator'],
    });
    expect(DEFAULT_POLICY.evaluation.recipients).toEqual(['council_secretary']);
    expect(DEFAULT_POLICY.inspection.recipients).toEqual(['inspector', 'subject']);
  });

  it('tells the subject at least 30 days before its certificate expires', () => {
    expect(DEFAULT_POLICY['certificate-expiry']).toMatchObject({ offsets: ['P30D'], recipients: ['subject'] });
  });

  it('lays the rule set and then the cycle over the defaults, field by field', () => {
    const policy = resolvePolicy(
      { dossier: { offsets: ['P14D', 'P3D'] }, evaluation: { escalateTo: ['officer', 'coordinator'] } },
      { dossier: { recipients: ['subject', 'officer'] } },
    );
    expect(policy.dossier).toEqual({
      offsets: ['P14D', 'P3D'],
      recipients: ['subject', 'officer'],
      escalateTo: ['officer', 'coordinator'],
    });
    expect(policy.evaluation).toEqual({ ...DEFAULT_POLICY.evaluation, escalateTo: ['officer', 'coordinator'] });
    expect(policy.supplement).toEqual(DEFAULT_POLICY.supplement);
    expect(resolvePolicy()).toEqual(DEFAULT_POLICY);
    expect(resolvePolicy(undefined, {})).toEqual(DEFAULT_POLICY);
  });

  it('lets a cycle override every kind, and turn a kind’s reminders off', () => {
    const everything = Object.fromEntries(
      DeadlineKind.options.map((kind) => [
        kind,
        { offsets: kind === 'certificate-expiry' ? ['P60D'] : [], recipients: ['subject'], escalateTo: ['inspector'] },
      ]),
    );
    expect(resolvePolicy(everything)).toEqual(everything);
  });

  // Well-formed overrides that break a rule the types cannot state.
  const AGAINST_THE_RULES: [NotificationPolicyOverrides, string][] = [
    [
      { 'certificate-expiry': { offsets: ['P7D'] } },
      'certificate-expiry.offsets: must include one of at least 30 days (P30D): the subject is told at least 30 days before the certificate expires',
    ],
    // A month may have 28 days: P1M does not promise 30.
    [{ 'certificate-expiry': { offsets: ['P1M', 'P7D'] } }, 'certificate-expiry.offsets: must include one of at least'],
    [
      { 'certificate-expiry': { recipients: ['coordinator'] } },
      'certificate-expiry.recipients: must include subject: the certificate holder is told before its certificate expires',
    ],
    [{ dossier: { recipients: [] } }, 'dossier.recipients: must name at least one audience'],
    [{ dossier: { offsets: ['7 days'] } }, 'dossier.offsets.0: must be an ISO-8601 duration such as P30D or PT5M'],
  ];

  it.each(AGAINST_THE_RULES)('refuses %j naming the kind, the field and the rule', (overrides, message) => {
    const parsed = NotificationPolicyOverrides.safeParse(overrides);
    expect(parsed.success).toBe(false);
    expect(issues(parsed)?.join('\n')).toContain(message);
    expect(() => resolvePolicy(overrides)).toThrow();
  });

  it.each([
    [{ dossier: { recipients: ['council'] } }, 'dossier.recipients.0: Invalid option'],
    [{ 'final-report': { offsets: ['P1D'] } }, 'final-report'],
  ])('refuses %j, an audience or a kind that does not exist, naming it', (overrides, message) => {
    const parsed = NotificationPolicyOverrides.safeParse(overrides);
    expect(parsed.success).toBe(false);
    expect(issues(parsed)?.join('\n')).toContain(message);
    // @ts-expect-error the types refuse it too; resolvePolicy still parses what reaches it past them
    expect(() => resolvePolicy(overrides)).toThrow();
  });

  it('accepts a longer certificate notice, alone or beside shorter ones', () => {
    expect(resolvePolicy({ 'certificate-expiry': { offsets: ['P2M', 'P7D'] } })['certificate-expiry'].offsets).toEqual([
      'P2M',
      'P7D',
    ]);
    expect(NotificationPolicyOverrides.safeParse({ 'certificate-expiry': { offsets: ['P5W'] } }).success).toBe(true);
  });

  it('gives the audience of a reminder and of an escalation', () => {
    const policy = resolvePolicy({ supplement: { escalateTo: ['coordinator'] } });
    expect(audienceFor('supplement', 'reminder', policy)).toEqual(['subject']);
    expect(audienceFor('supplement', 'escalation', policy)).toEqual(['coordinator']);
    expect(audienceFor('dossier-review', 'reminder')).toEqual(['officer']);
  });

  it('defaults each template to its audience', () => {
    expect(defaultAudience('deadline-reminder', 'evaluation')).toEqual(['council_secretary']);
    expect(defaultAudience('deadline-escalation', 'dossier')).toEqual(['officer', 'coordinator']);
    expect(defaultAudience('certificate-expiry', 'certificate-expiry')).toEqual(['subject']);
    expect(defaultAudience('inspection-due', 'inspection')).toEqual(['inspector', 'subject']);
    expect(defaultAudience('registration-closing', 'dossier')).toEqual(['subject']);
    expect(defaultAudience('lapsed-digest', null)).toEqual(['coordinator']);
    expect(defaultAudience('cycle-report', null)).toEqual(['coordinator']);
    // A post-inspection's conclusions are no deadline's: the subject hears of them, and of a revocation the province.
    expect(defaultAudience('reevaluation-referral', null)).toEqual(['subject', 'coordinator']);
    expect(defaultAudience('certificate-revoked', null)).toEqual(['subject', 'coordinator', 'inspector']);
  });
});

const FACTS = {
  productId: 'CB-2023-0007',
  productName: 'Hạt dẻ Trùng Khánh',
  subjectName: 'HTX Nông nghiệp Trùng Khánh',
  recipientName: 'HTX Nông nghiệp Trùng Khánh',
  stage: 'REGISTERED',
  deadlineKind: 'dossier',
  level: null,
  // 23:59 in Cao Bằng on 15 June is still 15 June there, though 16:59 UTC.
  dueAt: '2023-06-15T16:59:00.000Z',
  offset: 'P7D',
} as const;

describe('renderNotification', () => {
  it('writes a dossier reminder in Vietnamese by default, with every fact and the next step', () => {
    const mail = renderNotification('deadline-reminder', 'vi', FACTS);
    expect(mail.subject).toBe('[OCOP] Nhắc hạn nộp hồ sơ sản phẩm: Hạt dẻ Trùng Khánh – hạn 15/06/2023');
    expect(mail.text).toBe(
      [
        'Kính gửi HTX Nông nghiệp Trùng Khánh,',
        '',
        'Còn 7 ngày nữa là đến hạn nộp hồ sơ sản phẩm.',
        '',
        'Sản phẩm: Hạt dẻ Trùng Khánh (CB-2023-0007)',
        'Chủ thể: HTX Nông nghiệp Trùng Khánh',
        'Giai đoạn: Đã đăng ký, chờ nộp hồ sơ',
        'Hạn: 15/06/2023',
        '',
        'Việc cần làm: Chủ thể hoàn thiện và nộp hồ sơ sản phẩm (phiếu đăng ký, báo cáo tự đánh giá kèm minh chứng, mẫu sản phẩm) cho cơ quan tiếp nhận trước hạn.',
        '',
        'Thư này được gửi tự động từ hệ thống điều hành chu trình OCOP; vui lòng không trả lời thư này.',
        '',
      ].join('\n'),
    );
  });

  it('writes the same reminder in English', () => {
    const mail = renderNotification('deadline-reminder', 'en', { ...FACTS, offset: 'P1D' });
    expect(mail.subject).toBe('[OCOP] Reminder: dossier submission for Hạt dẻ Trùng Khánh due 15/06/2023');
    expect(mail.text).toContain('Dear HTX Nông nghiệp Trùng Khánh,');
    expect(mail.text).toContain('The dossier submission is due in 1 day.');
    expect(mail.text).toContain('Stage: Registered, dossier awaited');
    expect(mail.text).toContain('What to do next: The subject completes and submits the product dossier');
  });

  it('dates the deadline in Asia/Ho_Chi_Minh: 17:30 UTC is the next day in Vietnam', () => {
    const mail = renderNotification('deadline-reminder', 'vi', { ...FACTS, dueAt: '2023-06-15T17:30:00Z' });
    expect(mail.subject).toContain('hạn 16/06/2023');
    expect(mail.text).toContain('Hạn: 16/06/2023');
  });

  it('names the level and says what the council secretary does next', () => {
    const mail = renderNotification('deadline-reminder', 'vi', {
      ...FACTS,
      recipientName: 'Thư ký Hội đồng cấp tỉnh',
      stage: 'EVALUATION',
      deadlineKind: 'evaluation',
      level: 'province',
      offset: 'P1D',
    });
    expect(mail.subject).toBe('[OCOP] Nhắc hạn đánh giá, phân hạng: Hạt dẻ Trùng Khánh – hạn 15/06/2023');
    expect(mail.text).toContain('Kính gửi Thư ký Hội đồng cấp tỉnh,');
    expect(mail.text).toContain('Giai đoạn: Đánh giá, phân hạng\nCấp: Tỉnh\n');
    expect(mail.text).toContain('Việc cần làm: Thư ký hội đồng tổ chức họp hội đồng');
  });

  it('escalates a passed deadline to the coordinator with what is still awaited', () => {
    const mail = renderNotification('deadline-escalation', 'vi', { ...FACTS, recipientName: undefined });
    expect(mail.subject).toBe('[OCOP] Quá hạn nộp hồ sơ sản phẩm: Hạt dẻ Trùng Khánh – hạn 15/06/2023');
    expect(mail.text).toMatch(/^Kính gửi Quý cơ quan, đơn vị,\n/);
    expect(mail.text).toContain('Đã quá hạn nộp hồ sơ sản phẩm (15/06/2023) mà chưa có kết quả.');
    expect(mail.text).toContain('Việc cần làm: Văn phòng Điều phối OCOP tỉnh xem xét gia hạn');
    expect(mail.text).toContain('Việc còn chờ: Chủ thể hoàn thiện và nộp hồ sơ');
  });

  it('tells a subject without a dossier when registration closes and when the dossier is due', () => {
    const facts = {
      ...FACTS,
      registrationClosesAt: '2023-04-30T10:00:00Z',
      dueAt: '2023-05-31T10:00:00Z',
      offset: 'P7D',
    };
    const vi = renderNotification('registration-closing', 'vi', facts);
    expect(vi.subject).toBe('[OCOP] Sắp đóng đăng ký chu trình OCOP: Hạt dẻ Trùng Khánh – ngày 30/04/2023');
    expect(vi.text).toContain(
      'Chu trình OCOP đóng đăng ký ngày 30/04/2023. Sản phẩm đã đăng ký nhưng chưa nộp hồ sơ; hạn nộp hồ sơ là ngày 31/05/2023.',
    );
    const en = renderNotification('registration-closing', 'en', facts);
    expect(en.text).toContain('Registration for the OCOP cycle closes on 30/04/2023.');
    expect(en.text).toContain('dossiers are due on 31/05/2023.');
    // A notice queued by the code before gave only the closing date, as dueAt.
    const queued = renderNotification('registration-closing', 'vi', { ...FACTS, dueAt: '2023-04-30T10:00:00Z' });
    expect(queued.text).toContain(
      'Chu trình OCOP đóng đăng ký ngày 30/04/2023. Sản phẩm đã đăng ký nhưng chưa nộp hồ sơ.',
    );
  });

  it('announces a certificate’s expiry with its number and the re-evaluation to apply for', () => {
    const mail = renderNotification('certificate-expiry', 'vi', {
      ...FACTS,
      stage: 'POST_INSPECTION',
      deadlineKind: 'certificate-expiry',
      level: 'district',
      certificateNo: '012/2023/OCOP-CB',
      dueAt: '2026-06-01T00:00:00Z',
    });
    expect(mail.subject).toBe(
      '[OCOP] Giấy chứng nhận OCOP số 012/2023/OCOP-CB hết hiệu lực ngày 01/06/2026: Hạt dẻ Trùng Khánh',
    );
    expect(mail.text).toContain('Ngày hết hiệu lực: 01/06/2026');
    expect(mail.text).toContain('Việc cần làm: Chủ thể nộp hồ sơ đánh giá lại');
  });

  it('tells the subject of a referral to re-evaluation, with the findings, and that the certificate stands', () => {
    const facts = {
      ...FACTS,
      stage: 'POST_INSPECTION',
      deadlineKind: null,
      level: 'district',
      certificateNo: '012/2023/OCOP-CB',
      dueAt: undefined,
      offset: undefined,
      findings: 'Quy mô sản xuất giảm',
    } as const;
    const vi = renderNotification('reevaluation-referral', 'vi', facts);
    expect(vi.subject).toBe('[OCOP] Đề nghị đánh giá lại sản phẩm OCOP sau hậu kiểm: Hạt dẻ Trùng Khánh');
    expect(vi.text).toContain('Giấy chứng nhận số 012/2023/OCOP-CB vẫn còn hiệu lực');
    expect(vi.text).toContain('Kết luận hậu kiểm: Quy mô sản xuất giảm');
    expect(vi.text).toContain('Việc cần làm: Chủ thể khắc phục');
    expect(vi.text).not.toContain('Hạn:');
    const en = renderNotification('reevaluation-referral', 'en', facts);
    expect(en.text).toContain('Certificate 012/2023/OCOP-CB stays valid until the re-evaluation decides.');
  });

  it('announces a revocation with its decision, its ground from the catalogue and the mark no longer used', () => {
    const facts = {
      ...FACTS,
      stage: 'REVOKED',
      deadlineKind: null,
      level: 'province',
      certificateNo: '012/2023/OCOP-CB',
      dueAt: undefined,
      offset: undefined,
      decisionNo: '45/QĐ-UBND',
      // 20:00 UTC on 9 March is 10 March in Vietnam: a decision is dated by its Vietnamese day.
      decidedOn: '2026-03-09T20:00:00Z',
      authority: 'UBND tỉnh Cao Bằng',
      ground: 'food-safety',
      note: 'Theo kết luận của đoàn liên ngành',
      findings: 'Mẫu vượt ngưỡng vi sinh vật',
    } as const;
    const vi = renderNotification('certificate-revoked', 'vi', facts);
    expect(vi.subject).toBe('[OCOP] Thông báo thu hồi giấy chứng nhận OCOP số 012/2023/OCOP-CB: Hạt dẻ Trùng Khánh');
    expect(vi.text).toContain(
      'Theo Quyết định số 45/QĐ-UBND ngày 10/03/2026 của UBND tỉnh Cao Bằng, giấy chứng nhận sản phẩm OCOP số 012/2023/OCOP-CB bị thu hồi.',
    );
    expect(vi.text).toContain('Giai đoạn: Bị thu hồi');
    expect(vi.text).toContain(
      'Căn cứ thu hồi: vi phạm quy định về an toàn thực phẩm: Theo kết luận của đoàn liên ngành',
    );
    expect(vi.text).toContain('Kết luận hậu kiểm: Mẫu vượt ngưỡng vi sinh vật');
    expect(vi.text).toContain('không được sử dụng nhãn, biểu trưng OCOP');
    const en = renderNotification('certificate-revoked', 'en', facts);
    expect(en.subject).toBe('[OCOP] OCOP certificate 012/2023/OCOP-CB revoked: Hạt dẻ Trùng Khánh');
    expect(en.text).toContain('Ground for revocation: food-safety violations: Theo kết luận của đoàn liên ngành');
    expect(() => renderNotification('certificate-revoked', 'vi', { ...facts, ground: 'rumour' as 'other' })).toThrow();
  });

  it('names every stage and every ground of revocation in both languages', () => {
    for (const locale of ['vi', 'en'] as const) {
      for (const stage of Stage.options) {
        expect(renderNotification('deadline-reminder', locale, { ...FACTS, stage }).text).toMatch(
          /^(Giai đoạn|Stage): \S/m,
        );
      }
      for (const ground of RevocationGround.options) {
        const text = renderNotification('certificate-revoked', locale, { productName: 'X', ground }).text;
        expect(text).toMatch(/(Căn cứ thu hồi|Ground for revocation): \S/);
      }
    }
  });

  it('lists what lapsed in a coordinator’s digest', () => {
    const mail = renderNotification('lapsed-digest', 'vi', {
      cycleId: 'CB-2023',
      lapsed: [
        { productId: 'CB-2023-0007', productName: 'Hạt dẻ Trùng Khánh', deadlineKind: 'dossier', dueAt: FACTS.dueAt },
        {
          productId: 'CB-2023-0012',
          productName: 'Miến dong Nguyên Bình',
          subjectName: 'HTX Miến dong Phja Đén',
          deadlineKind: 'supplement',
          dueAt: '2023-07-01T10:00:00Z',
        },
      ],
    });
    expect(mail.subject).toBe('[OCOP] Tổng hợp hồ sơ quá hạn CB-2023: 2 sản phẩm');
    expect(mail.text).toContain(
      [
        '2 sản phẩm đã quá hạn mà không có hành động và không được gia hạn:',
        '- CB-2023-0007 · Hạt dẻ Trùng Khánh: nộp hồ sơ sản phẩm, hạn 15/06/2023',
        '- CB-2023-0012 · Miến dong Nguyên Bình · HTX Miến dong Phja Đén: bổ sung hồ sơ, hạn 01/07/2023',
      ].join('\n'),
    );
  });

  it('reports a cycle’s targets to its coordinators', () => {
    const mail = renderNotification('cycle-report', 'en', {
      cycleId: 'CB-2023',
      registered: 72,
      targets: ['3 stars or more: 68/30'],
    });
    expect(mail.subject).toBe('[OCOP] Report of cycle CB-2023');
    expect(mail.text).toContain('Cycle CB-2023 has ended with 72 registered products.');
    expect(mail.text).toContain('Targets (actual/goal):\n- 3 stars or more: 68/30');
    expect(mail.text).toContain('ocop report --cycle CB-2023');
  });

  it.each(NotificationTemplate.options.flatMap((template) => [[template, 'vi'] as const, [template, 'en'] as const]))(
    'renders %s in %s with the product, its date and a next step',
    (template, locale) => {
      const mail = renderNotification(template, locale, {
        ...FACTS,
        certificateNo: '012/2023/OCOP-CB',
        round: 2,
        cycleId: 'CB-2023',
        registered: 1,
        lapsed: [
          { productId: 'CB-2023-0007', productName: FACTS.productName, deadlineKind: 'dossier', dueAt: FACTS.dueAt },
        ],
      });
      const all = `${mail.subject}\n${mail.text}`;
      expect(all).toContain(template === 'cycle-report' ? 'CB-2023' : 'Hạt dẻ Trùng Khánh');
      if (template !== 'cycle-report') expect(all).toContain('15/06/2023');
      expect(mail.text).toContain(locale === 'vi' ? 'Việc cần làm: ' : 'What to do next: ');
      expect(mail.html).toContain(`<html lang="${locale}">`);
    },
  );

  it('keeps Vietnamese diacritics as they were written, composed (NFC), in subject, text and HTML', () => {
    const name = 'Trà Shan tuyết cổ thụ Phìa Đén – Hợp tác xã Nguyên Bình';
    const mail = renderNotification('deadline-reminder', 'vi', { ...FACTS, productName: name });
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).toContain(name);
      expect(part).toBe(part.normalize('NFC'));
    }
    expect(mail.html).toContain('<meta charset="utf-8">');
  });

  it('escapes names in HTML', () => {
    const mail = renderNotification('deadline-reminder', 'vi', { ...FACTS, productName: 'Rượu <Ngô> & "Men lá"' });
    expect(mail.html).toContain('Rượu &lt;Ngô&gt; &amp; &quot;Men lá&quot;');
    expect(mail.text).toContain('Rượu <Ngô> & "Men lá"');
  });

  it('refuses facts of the wrong shape', () => {
    expect(() => renderNotification('deadline-reminder', 'vi', { ...FACTS, dueAt: '15/06/2023' })).toThrow();
  });
});

describe('the message files', () => {
  /** Every message's key, its plural forms (`_one`, `_other`) as one: Vietnamese has only `_other`. */
  const keys = (messages: object, prefix = ''): string[] =>
    Object.entries(messages).flatMap(([key, value]) =>
      typeof value === 'string'
        ? [`${prefix}${key.replace(/_(one|other)$/, '')}`]
        : keys(value as object, `${prefix}${key}.`),
    );

  it('have the same messages in Vietnamese and English', () => {
    expect([...new Set(keys(en))].sort()).toEqual([...new Set(keys(vi))].sort());
  });
});

describe('durationInWords', () => {
  it.each([
    ['P7D', 'vi', '7 ngày'],
    ['P1D', 'en', '1 day'],
    ['P30D', 'en', '30 days'],
    ['P1M2D', 'vi', '1 tháng 2 ngày'],
    ['PT5M', 'en', '5 minutes'],
    ['P1W', 'vi', '1 tuần'],
  ] as const)('%s in %s is "%s"', (iso, locale, words) => {
    expect(durationInWords(iso, locale)).toBe(words);
  });
});

describe('a contact', () => {
  const valid = {
    province: 'CB',
    role: 'officer',
    level: 'district',
    name: 'Phòng NN Trùng Khánh',
    email: 'pnn@cb.vn',
  };

  it('is a known province, a contact role, a level or any, and an email address', () => {
    expect(Contact.parse(valid)).toEqual(valid);
    expect(Contact.parse({ ...valid, province: ' hg ', level: '*', webhookUrl: 'https://hg.gov.vn/hook' })).toEqual({
      ...valid,
      province: 'HG',
      level: '',
      webhookUrl: 'https://hg.gov.vn/hook',
    });
    expect(Contact.parse({ ...valid, level: undefined }).level).toBe('');
  });

  it.each([
    [{ email: 'pnn.cb.vn' }, 'email: must be an email address such as thu.ky@example.vn'],
    [{ email: '' }, 'email: must be an email address such as thu.ky@example.vn'],
    [
      { role: 'chairman' },
      "role: must be officer, council_secretary, inspector or coordinator (a subject's address comes from its registration)",
    ],
    [
      { role: 'producer' },
      "role: must be officer, council_secretary, inspector or coordinator (a subject's address comes from its registration)",
    ],
    [{ province: 'XX' }, 'province: unknown province "XX": must be a province code such as CB (Cao Bằng)'],
    [{ level: 'huyen' }, 'level: must be commune, district, province or central, or empty (or *) for any level'],
    [{ webhookUrl: 'ftp://cb.vn/hook' }, 'webhookUrl: must be an http:// or https:// URL'],
    [{ name: ' ' }, 'name: must not be empty'],
  ])('refuses %j naming the field and the rule', (change, message) => {
    expect(issues(Contact.safeParse({ ...valid, ...change }))).toEqual([message]);
  });
});

describe('PROVINCES', () => {
  it('holds the 34 provinces since the 2025 merger and the 29 merged into them', () => {
    const current = PROVINCES.filter((p) => !p.mergedInto);
    expect(current).toHaveLength(34);
    expect(PROVINCES).toHaveLength(63);
    const codes = PROVINCES.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const p of PROVINCES) {
      expect(p.code).toMatch(PROVINCE_CODE);
      if (p.mergedInto) expect(current.map((c) => c.code)).toContain(p.mergedInto);
    }
    expect(PROVINCES.find((p) => p.code === 'CB')?.name).toBe('Cao Bằng');
    expect(PROVINCES.find((p) => p.code === 'HN')?.name).toBe('Hà Nội');
  });
});

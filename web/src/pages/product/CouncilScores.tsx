// The councils' scores (phiếu chấm điểm), one table per level: each member's points by part and their sum, then
// what the workflow made of them: the round, the mean of the sheets (rounded for display; the band compared it
// exact), the stars, and any mandatory criterion failed with the star it is mandatory for, which holds the rating
// below that star (a 3-star one leaves the product unranked).
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../format/dates';
import { Facts, type Fact } from './Facts';
import type { LevelSummary, ScoreSheetRow } from './product-detail';
import { Stars } from './Stars';

const column = createColumnHelper<ScoreSheetRow>();

function useSheetColumns(parts: string[]) {
  const { t } = useTranslation('product');
  return useMemo(
    () => [
      column.accessor('memberId', { header: t('scores.member') }),
      ...parts.map((part) =>
        column.accessor((sheet) => sheet.parts[part], {
          id: `part-${part}`,
          header: t('scores.part', { part }),
          cell: (info) => info.getValue() ?? t('common:none'),
        }),
      ),
      column.accessor('total', { header: t('scores.sheetTotal') }),
    ],
    [parts, t],
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** A failed criterion as the secretary recorded it: a bare id (before stars were named) is one for 3 stars. */
function failedWords(t: Translate, failed: LevelSummary['mandatoryFailed'][number]): string {
  const { criterion, forStars } = typeof failed === 'string' ? { criterion: failed, forStars: 3 } : failed;
  return t('scores.failedFor', { criterion, stars: t('domain:stars', { count: forStars }) });
}

function LevelSummaryFacts({ summary }: { summary: LevelSummary }) {
  const { t } = useTranslation('product');
  const failed = [...summary.mandatoryFailed.map((item) => failedWords(t, item)), ...summary.failedCriteria];
  const facts: Fact[] = [
    [t('scores.meetingDate'), formatDateTime(summary.meetingDate)],
    ...(summary.round ? ([[t('scores.round'), summary.round]] satisfies Fact[]) : []),
    [t('scores.total'), summary.total ?? t('common:none')],
    [t('scores.stars'), <Stars key="stars" count={summary.stars} />],
    ...(summary.bonus ? ([[t('scores.bonus'), summary.bonus]] satisfies Fact[]) : []),
    [t('scores.failed'), failed.length ? failed.join(', ') : t('scores.noneFailed')],
  ];
  return <Facts facts={facts} />;
}

function LevelScores({ level, sheets, summary }: { level: string; sheets: ScoreSheetRow[]; summary?: LevelSummary }) {
  const { t } = useTranslation('product');
  const parts = useMemo(() => [...new Set(sheets.flatMap((sheet) => Object.keys(sheet.parts)))].sort(), [sheets]);
  const columns = useSheetColumns(parts);
  const title = t(`domain:level.${level}`, { defaultValue: level });
  return (
    <div className="level-scores">
      <h3>{title}</h3>
      {sheets.length > 0 ? (
        <DataTable
          caption={t('scores.caption', { level: title })}
          data={sheets}
          columns={columns}
          rowId={(sheet) => sheet.memberId}
        />
      ) : null}
      {summary ? <LevelSummaryFacts summary={summary} /> : null}
    </div>
  );
}

export function CouncilScores({ sheets, summaries }: { sheets: ScoreSheetRow[]; summaries: LevelSummary[] }) {
  const { t } = useTranslation('product');
  const levels = [...new Set([...summaries.map((s) => s.level), ...sheets.map((s) => s.level)])];
  return (
    <section aria-labelledby="council-scores">
      <h2 id="council-scores">{t('scores.title')}</h2>
      {levels.length === 0 ? <p className="muted">{t('scores.none')}</p> : null}
      {levels.map((level) => (
        <LevelScores
          key={level}
          level={level}
          sheets={sheets.filter((sheet) => sheet.level === level)}
          summary={summaries.find((summary) => summary.level === level)}
        />
      ))}
    </section>
  );
}

// The councils' scores (phiếu chấm điểm), one table per level: each member's points by part and their sum, then
// what the workflow made of them: the total (the sheets' mean plus the bonus), the stars, and any mandatory
// criterion failed, which leaves the product unranked whatever its points.
import { createColumnHelper } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { DataTable } from '../../components/DataTable';
import { formatDateTime } from '../../format/dates';
import { Facts } from './Facts';
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

function LevelSummaryFacts({ summary }: { summary: LevelSummary }) {
  const { t } = useTranslation('product');
  const failed = [...summary.mandatoryFailed, ...summary.failedCriteria];
  return (
    <Facts
      facts={[
        [t('scores.meetingDate'), formatDateTime(summary.meetingDate)],
        [t('scores.total'), summary.total ?? t('common:none')],
        [t('scores.stars'), <Stars key="stars" count={summary.stars} />],
        [t('scores.bonus'), summary.bonus],
        [t('scores.failed'), failed.length ? failed.join(', ') : t('scores.noneFailed')],
      ]}
    />
  );
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

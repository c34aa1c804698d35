// A row of big numbers, each with what it counts: the dashboard's summaries.
import { formatCount } from './numbers';

export interface Figure {
  key: string;
  label: string;
  value: number;
}

export function Figures({ figures, className }: { figures: Figure[]; className?: string }) {
  return (
    <dl className={className ? `figures ${className}` : 'figures'}>
      {figures.map((figure) => (
        <div key={figure.key}>
          <dt>{figure.label}</dt>
          <dd>{formatCount(figure.value)}</dd>
        </div>
      ))}
    </dl>
  );
}

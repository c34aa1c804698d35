// Short facts as term and value pairs (a definition list), wrapping on a narrow screen.
import type { ReactNode } from 'react';

export type Fact = [term: string, value: ReactNode];

export function Facts({ facts }: { facts: Fact[] }) {
  return (
    <dl className="product-facts">
      {facts.map(([term, value]) => (
        <div key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

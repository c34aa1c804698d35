// What the province announces of its decisions (công bố): the recognition
// decisions with the products they list, and the revocations decided. The read
// model answers in these shapes and the clients read them; they carry what the
// decisions publish, never an e-mail, a phone or who typed it in.
import type { RevocationGround } from './recognition';

export interface DecisionHeader {
  province: string;
  cycleId: string;
  number: string;
  decidedOn: string;
  authority: string;
  level: string;
}

export interface DecisionSummary extends DecisionHeader {
  decisionId: string;
  year: number;
  products: number;
}

/** A type, not an interface: the CLI prints it as a plain record. */
export type AnnouncedProduct = {
  productId: string;
  productName: string;
  productGroup: string;
  subjectName: string;
  subjectType: string;
  unit: string | null;
  stars: number;
  certificateNumber: string;
  validUntil: string;
};

export interface AnnouncedDecision extends DecisionSummary {
  items: AnnouncedProduct[];
}

export type AnnouncedRevocation = {
  productId: string;
  productName: string;
  subjectName: string;
  province: string;
  certificateNumber: string | null;
  number: string;
  decidedOn: string;
  authority: string;
  ground: RevocationGround;
};

// Figures in the reader's language: Vietnamese groups thousands with dots and writes "40,5 %", English "40.5%".
import { currentLanguage } from '../../i18n';

function formatter(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return new Intl.NumberFormat(currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB', options);
}

export function formatCount(value: number): string {
  return formatter({ maximumFractionDigits: 0 }).format(value);
}

/** A share held as a fraction of 1. */
export function formatShare(value: number): string {
  return formatter({ style: 'percent', maximumFractionDigits: 1 }).format(value);
}

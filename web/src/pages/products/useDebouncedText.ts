// A text filter typed into a box applies once the typing pauses, so each keystroke does not cost a request. The box
// follows the address too: going back restores the earlier text.
import { useEffect, useState } from 'react';

const PAUSE_MS = 300;

export function useDebouncedText(applied: string | undefined, apply: (value: string | undefined) => void) {
  const [text, setText] = useState(applied ?? '');
  const [seen, setSeen] = useState(applied);
  if (applied !== seen) {
    setSeen(applied);
    // The address catching up with what is typed must not eat a space the reader has just typed.
    if ((applied ?? '') !== text.trim()) setText(applied ?? '');
  }
  const wanted = text.trim() || undefined;
  useEffect(() => {
    if (wanted === applied) return;
    const timer = setTimeout(() => apply(wanted), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [wanted, applied, apply]);
  return { text, setText, pending: wanted !== applied };
}

import type { Dispatch, KeyboardEvent, SetStateAction } from 'react';

/**
 * The keys of an ARIA combobox whose input keeps the focus: arrows move the active option within
 * `count`, Enter chooses it, Escape closes. Shared by the global search and the record lookup.
 */
export function comboboxKeyDown(
  e: KeyboardEvent,
  count: number,
  setActive: Dispatch<SetStateAction<number>>,
  on: { choose: () => void; close: () => void },
): void {
  if (e.key === 'ArrowDown') {
    e.preventDefault();
    setActive((a) => Math.min(a + 1, count - 1));
  } else if (e.key === 'ArrowUp') {
    e.preventDefault();
    setActive((a) => Math.max(a - 1, 0));
  } else if (e.key === 'Enter') {
    e.preventDefault();
    on.choose();
  } else if (e.key === 'Escape') {
    on.close();
  }
}

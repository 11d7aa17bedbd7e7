import type { InputHTMLAttributes } from 'react';
import { Icon } from './icons.tsx';

/** A list's search box: the magnifier and a labelled search input. */
export function SearchInput({ label, width, ...rest }: { label: string; width: number } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <div className="search-box" style={{ inlineSize: width }}>
      <span className="search-icon" aria-hidden="true">
        <Icon name="search" />
      </span>
      <input className="input" type="search" aria-label={label} {...rest} />
    </div>
  );
}

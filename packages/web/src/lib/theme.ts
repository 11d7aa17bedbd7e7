export type Theme = 'light' | 'dark' | 'system';
const KEY = 'kith.theme';

export function currentTheme(): Theme {
  const t = localStorage.getItem(KEY);
  return t === 'light' || t === 'dark' ? t : 'system';
}

function resolved(t: Theme): 'light' | 'dark' {
  if (t !== 'system') return t;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function setTheme(t: Theme): void {
  if (t === 'system') localStorage.removeItem(KEY);
  else localStorage.setItem(KEY, t);
  document.documentElement.dataset.theme = resolved(t);
}

/** Before the first paint: the chosen theme, or the system's, following it while it changes. */
export function initTheme(): void {
  setTheme(currentTheme());
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    if (currentTheme() === 'system') setTheme('system');
  });
}

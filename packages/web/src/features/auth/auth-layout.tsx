import type { ReactNode } from 'react';
import { LanguageSwitch } from '../../app/language-switch.tsx';

export function AuthLayout({ title, subtitle, children }: { title: ReactNode; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <main className="auth-page">
      <div className="auth-card stack">
        <div className="row">
          <div className="brand">
            <span className="brand-mark" aria-hidden="true">
              K
            </span>
            Kith
          </div>
          <span className="spacer" />
          <LanguageSwitch />
        </div>
        <h1>{title}</h1>
        {subtitle && (
          <p className="muted" style={{ margin: 0 }}>
            {subtitle}
          </p>
        )}
        {children}
      </div>
    </main>
  );
}

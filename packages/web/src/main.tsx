import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, startEarly } from './app/app.tsx';
import { initI18n } from './lib/i18n.ts';
import { initTheme } from './lib/theme.ts';
import './styles.css';

const early = startEarly();
initTheme();
await initI18n();
await early;
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Bundled Khmer font (Khmer subset only, downloaded by unicode-range only when Khmer text is shown).
import '@fontsource/noto-sans-khmer/khmer-400.css';
import '@fontsource/noto-sans-khmer/khmer-700.css';
import './lib/i18n';
import './app/global.css';
import { App } from './app/App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './shared/i18n';
import './app/global.css';
import { Providers } from './app/providers';
import { AppRouter } from './app/router';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Providers>
      <AppRouter />
    </Providers>
  </StrictMode>,
);

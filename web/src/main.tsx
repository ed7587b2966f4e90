import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './shared/i18n';
import './app/global.css';
import { Providers } from './app/providers';
import { AppRouter } from './app/router';

void i18nReady.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Providers>
        <AppRouter />
      </Providers>
    </StrictMode>,
  ),
);

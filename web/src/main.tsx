// The app starts by asking the API which OpenID provider it trusts, then renders.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/problem';
import { App } from './app/App';
import { preloadPageFor } from './app/pages';
import { SessionProvider } from './auth/SessionProvider';
import { loadWebConfig } from './auth/web-config';
import { startI18n } from './i18n';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      // A refusal does not change by asking again; a dropped connection may.
      retry: (failures, error) => !(error instanceof ApiError && error.status < 500) && failures < 2,
    },
  },
});

async function start(): Promise<void> {
  preloadPageFor(window.location.pathname);
  const [config] = await Promise.all([loadWebConfig(), startI18n()]);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionProvider config={config}>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </StrictMode>,
  );
}

void start();

// Entry point: translations first (so the first paint is in the right language and direction), then the app.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { queryClient } from './app/query-client';
import { meQueryOptions } from './features/auth/session';
import { initI18n } from './i18n';

// Signed-in pages need the session first: ask for it while the translations load, not after.
const SIGNED_OUT_PAGES = ['/sign-in', '/sign-up', '/invite'];
if (!SIGNED_OUT_PAGES.includes(window.location.pathname)) void queryClient.prefetchQuery(meQueryOptions);

await initI18n();
createRoot(document.getElementById('root')!).render(<App />);

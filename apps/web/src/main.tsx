// Entry point: translations first (so the first paint is in the right language and direction), then the app.
import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { initI18n } from './i18n';

await initI18n();
createRoot(document.getElementById('root')!).render(<App />);

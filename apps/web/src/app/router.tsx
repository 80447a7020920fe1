// Every page of the app. The signed-in shell and each feature page load on first visit (one chunk
// each), so the sign-in page downloads only what it shows.
import { createBrowserRouter, Navigate } from 'react-router';
import { InvitePage } from '../features/auth/InvitePage';
import { RequireAuth } from '../features/auth/RequireAuth';
import { SignInPage } from '../features/auth/SignInPage';
import { SignUpPage } from '../features/auth/SignUpPage';
import { NotFoundPage } from './NotFoundPage';

export const router = createBrowserRouter([
  { path: '/sign-in', element: <SignInPage /> },
  { path: '/sign-up', element: <SignUpPage /> },
  { path: '/invite', element: <InvitePage /> },
  {
    path: '/',
    lazy: async () => {
      const { AppLayout } = await import('./AppLayout');
      return {
        element: (
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        ),
      };
    },
    children: [
      { index: true, lazy: async () => ({ Component: (await import('../features/dashboard/DashboardPage')).DashboardPage }) },
      {
        path: 'assistants/new',
        lazy: async () => ({ Component: (await import('../features/assistants/CreateAssistantPage')).CreateAssistantPage }),
      },
      {
        path: 'assistants/:assistantId',
        lazy: async () => ({ Component: (await import('../features/assistants/AssistantLayout')).AssistantLayout }),
        children: [
          { index: true, element: <Navigate to="chat" replace /> },
          { path: 'chat/:conversationId?', lazy: async () => ({ Component: (await import('../features/chat/ChatPage')).ChatPage }) },
          { path: 'knowledge', lazy: async () => ({ Component: (await import('../features/knowledge/KnowledgePage')).KnowledgePage }) },
          {
            path: 'settings',
            lazy: async () => ({ Component: (await import('../features/assistants/AssistantEditorPage')).AssistantEditorPage }),
          },
          {
            path: 'conversations/:conversationId?',
            lazy: async () => ({ Component: (await import('../features/inbox/InboxPage')).InboxPage }),
          },
          {
            path: 'integration',
            lazy: async () => ({ Component: (await import('../features/integration/IntegrationPage')).IntegrationPage }),
          },
        ],
      },
      { path: 'usage', lazy: async () => ({ Component: (await import('../features/usage/UsagePage')).UsagePage }) },
      { path: 'settings/:section?', lazy: async () => ({ Component: (await import('../features/settings/SettingsPage')).SettingsPage }) },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

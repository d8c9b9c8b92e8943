/** The console: its providers (language, data) and its routes under /console/. */
import { QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { ApiError } from './api.js';
import { Layout } from './components/Layout.js';
import { RequireSession } from './components/RequireSession.js';
import { I18nProvider } from './i18n/index.js';
import { AcceptInvitation } from './pages/AcceptInvitation.js';
import { Account } from './pages/Account.js';
import { ApiKeys } from './pages/ApiKeys.js';
import { Audit } from './pages/Audit.js';
import { EnteDetail } from './pages/EnteDetail.js';
import { EnteRequest } from './pages/EnteRequest.js';
import { EntiList } from './pages/EntiList.js';
import { Home } from './pages/Home.js';
import { NotFound } from './pages/NotFound.js';
import { People } from './pages/People.js';
import { QuestionnaireDraftPage } from './pages/QuestionnaireDraft.js';
import { Questionnaires } from './pages/Questionnaires.js';
import { Results } from './pages/Results.js';
import { Suggestions } from './pages/Suggestions.js';
import { ServiceDetail } from './pages/ServiceDetail.js';
import { ServiceEdit, ServiceNew } from './pages/ServiceForm.js';
import { ServicesList } from './pages/ServicesList.js';
import { SignIn } from './pages/SignIn.js';
import { useSessionLostListener } from './session.js';

/** The paths under /console/ (the server answers index.html for every one of them). */
export const ROUTES = [
  {
    element: <Root />,
    children: [
      { path: 'accedi', element: <SignIn /> },
      { path: 'invito/:token', element: <AcceptInvitation /> },
      {
        element: <RequireSession />,
        children: [
          { index: true, element: <Home /> },
          { path: 'risultati', element: <Results /> },
          { path: 'suggerimenti', element: <Suggestions /> },
          { path: 'enti', element: <EntiList /> },
          { path: 'enti/richiesta', element: <EnteRequest /> },
          { path: 'enti/:ipaCode', element: <EnteDetail /> },
          { path: 'servizi', element: <ServicesList /> },
          { path: 'servizi/nuovo', element: <ServiceNew /> },
          { path: 'servizi/:slug', element: <ServiceDetail /> },
          { path: 'servizi/:slug/modifica', element: <ServiceEdit /> },
          { path: 'questionnaires', element: <Questionnaires /> },
          { path: 'questionnaires/drafts/:id', element: <QuestionnaireDraftPage /> },
          { path: 'persone', element: <People /> },
          { path: 'chiavi', element: <ApiKeys /> },
          { path: 'audit', element: <Audit /> },
          { path: 'account', element: <Account /> },
        ],
      },
      { path: '*', element: <NotFound /> },
    ],
  },
];

function Root() {
  useSessionLostListener();
  return <Layout />;
}

/** Failed reads are not retried when the answer is final (4xx): a 403 or a 404 is shown at once. */
function retry(failures: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failures < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    queryCache: new QueryCache(),
    defaultOptions: {
      queries: { retry, staleTime: 10_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(ROUTES, { basename: '/console' }));
  return (
    <I18nProvider>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </I18nProvider>
  );
}

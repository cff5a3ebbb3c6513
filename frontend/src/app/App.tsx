import { BrowserRouter } from 'react-router';
import { Providers } from './providers';
import { AppRoutes } from './router';
import { useAdoptPreferredLanguage } from './useAdoptPreferredLanguage';

function LanguageFollowsPerson() {
  useAdoptPreferredLanguage();
  return null;
}

/** Everything inside the router (tests mount it in a MemoryRouter). */
export function AppContent() {
  return (
    <>
      <LanguageFollowsPerson />
      <AppRoutes />
    </>
  );
}

export function App() {
  return (
    <Providers>
      <BrowserRouter>
        <AppContent />
      </BrowserRouter>
    </Providers>
  );
}

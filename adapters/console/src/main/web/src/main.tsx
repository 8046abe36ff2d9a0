import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { completeOidcCallback } from './oidc';

// In the sign-in pop-up, hand the authorization code to the console window and close; otherwise start the console.
if (!completeOidcCallback()) {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

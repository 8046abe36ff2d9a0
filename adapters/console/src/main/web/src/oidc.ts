/**
 * Sign-in through the configured OIDC issuer (Keycloak): the authorization code flow with PKCE (S256)
 * in a pop-up window, so that the verifier, the state and the token stay in this tab's memory — the
 * console page itself never navigates away and nothing is written to storage (ADR 0026). The pop-up
 * returns to /admin/oidc-callback, which hands the code to this window with postMessage (same origin
 * only) and closes.
 */
export interface ConsoleConfig {
  oidc: { enabled: boolean; issuer: string | null; client_id: string | null };
}

export const CALLBACK_PATH = '/admin/oidc-callback';

function base64Url(bytes: Uint8Array): string {
  let binary = '';
  bytes.forEach((b) => (binary += String.fromCharCode(b)));
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomToken(bytes = 32): string {
  const buffer = new Uint8Array(bytes);
  crypto.getRandomValues(buffer);
  return base64Url(buffer);
}

export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

/** Opens the issuer's sign-in page in a pop-up and resolves with an access token. */
export async function signInWithOidc(config: ConsoleConfig): Promise<string> {
  const { issuer, client_id: clientId } = config.oidc;
  if (!issuer || !clientId) {
    throw new Error('Sign-in with an identity provider is not configured on this gateway.');
  }
  const popup = window.open('about:blank', 'switchgear-sign-in', 'width=480,height=640');
  if (!popup) {
    throw new Error('The sign-in window was blocked; allow pop-ups for this site and try again.');
  }
  const discovery = (await (await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)).json()) as Discovery;
  const verifier = randomToken(48);
  const state = randomToken(16);
  const redirectUri = `${window.location.origin}${CALLBACK_PATH}`;
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    response_type: 'code', client_id: clientId, redirect_uri: redirectUri, scope: 'openid',
    state, code_challenge: await challengeOf(verifier), code_challenge_method: 'S256',
  }).toString();
  popup.location.href = url.toString();
  const code = await new Promise<string>((resolve, reject) => {
    const timer = window.setInterval(() => {
      if (popup.closed) {
        cleanup();
        reject(new Error('The sign-in window was closed before signing in.'));
      }
    }, 500);
    function onMessage(event: MessageEvent) {
      if (event.origin !== window.location.origin || event.data?.type !== 'switchgear-oidc') {
        return;
      }
      cleanup();
      if (event.data.state !== state) {
        reject(new Error('The sign-in answer did not match this request (state).'));
      } else if (event.data.error) {
        reject(new Error(`The identity provider refused the sign-in: ${event.data.error}`));
      } else {
        resolve(event.data.code as string);
      }
    }
    function cleanup() {
      window.clearInterval(timer);
      window.removeEventListener('message', onMessage);
    }
    window.addEventListener('message', onMessage);
  });
  const response = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, client_id: clientId,
      code_verifier: verifier }).toString(),
  });
  const token = (await response.json()) as { access_token?: string; error_description?: string; error?: string };
  if (!response.ok || !token.access_token) {
    throw new Error(token.error_description ?? token.error ?? `The token exchange failed (${response.status}).`);
  }
  return token.access_token;
}

/** In the pop-up, on /admin/oidc-callback: hands the code to the console window and closes. */
export function completeOidcCallback(): boolean {
  if (window.location.pathname !== CALLBACK_PATH || !window.opener) {
    return false;
  }
  const params = new URLSearchParams(window.location.search);
  (window.opener as Window).postMessage({ type: 'switchgear-oidc', code: params.get('code'), state: params.get('state'),
    error: params.get('error') }, window.location.origin);
  window.close();
  return true;
}

import type { ByokProvider } from './api/types';

/**
 * The client-side format check: the provider's own pattern as the gateway publishes it
 * (GET /api/v1/byok/providers → key_pattern, the same expression the service checks), matched whole.
 * Returns a message saying what is expected, or null when the key has the provider's shape.
 */
export function keyFormatProblem(provider: Pick<ByokProvider, 'name' | 'key_format' | 'key_pattern'>, key: string): string | null {
  if (!key) {
    return 'Enter the key.';
  }
  let pattern: RegExp;
  try {
    pattern = new RegExp(`^(?:${provider.key_pattern})$`);
  } catch {
    return null; // a pattern this browser cannot read: the gateway still checks it
  }
  return pattern.test(key) ? null : `This does not look like a ${provider.name} key (${provider.key_format}).`;
}

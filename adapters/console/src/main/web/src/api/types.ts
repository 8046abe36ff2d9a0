/** The REST shapes the console reads, as the gateway's controllers write them (see adapters/rest). */

export type Tier = 'free' | 'starter' | 'professional' | 'enterprise';
export type PowerLevel = 'eco' | 'balanced' | 'precision';

/** GET /api/v1/llm/credits (CreditsController.CreditsView, camelCase). Money as exact decimal strings of credits. */
export interface Credits {
  accountId: string;
  tier: Tier;
  balance: string;
  balanceMicroCredits: number;
  reserved: string;
  available: string;
  monthlyCap: string | null;
  monthToDate: string;
  lowBalanceThreshold: string;
  lowBalance: boolean;
  last7Days: string;
  dailyBurn: string;
  daysLeft: number | null;
}

export interface CreditPackage {
  code: string;
  price_usd: string;
  credits: string;
  bonus_percent: number;
}

export interface Packages {
  packages: CreditPackage[];
  custom: { min_usd: number; max_usd: number; credits_per_usd: number };
}

export interface CheckoutStarted {
  checkout_session_id: string;
  checkout_url: string;
  package: CreditPackage;
}

export interface Transaction {
  sequence: number;
  at: string;
  type: 'grant' | 'purchase' | 'refund' | 'usage' | 'payment_failed' | 'low_balance' | 'monthly_cap_set';
  amount?: string;
  balance_after?: string;
  reason?: string;
  package?: string;
  model?: string;
  provider?: string;
  message?: string;
  monthly_cap?: string | null;
  byok?: boolean;
}

export interface History {
  page: number;
  size: number;
  events: number;
  has_more: boolean;
  transactions: Transaction[];
}

/** GET /api/v1/byok/providers */
export interface ByokProvider {
  id: string;
  name: string;
  key_format: string;
  key_pattern: string;
  testable: boolean;
  custom: boolean;
}

export interface KeyTest {
  key_id: string | null;
  provider: string;
  label: string | null;
  status: string;
  latency_ms: number;
  detail: string;
  tested_at: string;
}

/** GET /api/v1/byok/keys */
export interface ProviderKey {
  id: string;
  provider: string;
  label: string | null;
  masked_key: string;
  fingerprint: string;
  base_url: string | null;
  added_at: string;
  last_test: KeyTest | null;
  needs_test: boolean;
}

export interface ByokStats {
  total_keys: number;
  keys_by_provider: Record<string, number>;
  keys_needing_test: number;
  keys_failing: number;
  byok_requests: number;
  byok_input_tokens: number;
  byok_output_tokens: number;
  platform_requests: number;
}

/** GET /api/v1/llm/catalog/models; prices in micro-credits per 1,000 tokens. */
export interface CatalogModel {
  id: string;
  provider: string;
  upstream_model: string;
  input_per1k: number;
  output_per1k: number;
  context_tokens: number;
  default_max_output_tokens: number;
  min_tier: Tier;
  capabilities: string[];
  quality: number;
  use_cases: string[];
}

export interface ProviderHealth {
  status: string;
  success_rate?: number;
  p50_ms?: number;
  p95_ms?: number;
  samples?: number;
  last_transition?: string | null;
  last_probe?: string | null;
  last_probe_detail?: string | null;
}

/** GET /api/v1/llm/providers */
export interface CatalogProvider {
  id: string;
  name: string;
  type: string;
  local: boolean;
  connected: boolean;
  health: ProviderHealth;
}

export interface RoutingRules {
  catalog_version: number;
  chains: Record<string, string[]>;
  quality_floors: Record<PowerLevel, number>;
  max_attempts: number;
}

export interface AuditEntry {
  id: string;
  at: string;
  account_id: string | null;
  actor: string;
  actor_role: string;
  action: string;
  target: string | null;
  details: unknown;
  client_address: string | null;
  user_agent: string | null;
}

export interface AuditPage {
  data: AuditEntry[];
  next: string | null;
}

export const TIERS: Tier[] = ['free', 'starter', 'professional', 'enterprise'];

/** Whether an account of tier `have` may use what needs tier `need`. */
export function tierAllows(have: Tier, need: Tier): boolean {
  return TIERS.indexOf(have) >= TIERS.indexOf(need);
}

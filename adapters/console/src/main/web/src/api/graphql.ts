/**
 * The GraphQL queries the console sends, typed from the schema (docs/graphql-schema.graphqls). The
 * analytics queries of issue #15 (usageSeries, usageBreakdown, modelPopularity, models, providers,
 * creditHistory, auditTrail) are typed from the contract; until the gateway serves them, they
 * fail with the server's own validation message, which the pages show where those figures would be.
 */
import { graphql } from './client';

export interface UsageRow {
  requestId: string;
  model: string;
  provider: string;
  inputTokens: number;
  outputTokens: number;
  usageEstimated: boolean;
  byok: boolean;
  cost: string;
  charged: string;
  chargedMicroCredits: number;
  chargedAt: string;
}

export interface UsageReport {
  accountId: string;
  from: string;
  to: string;
  rows: UsageRow[];
  totals: { requests: number; inputTokens: number; outputTokens: number; cost: string; charged: string; chargedMicroCredits: number };
  truncated: boolean;
}

export async function usage(credential: string, accountId: string, from: string, to: string): Promise<UsageReport> {
  const data = await graphql<{ usage: UsageReport | null }>(credential, `query Usage($accountId: ID!, $from: String, $to: String) {
  usage(accountId: $accountId, from: $from, to: $to) {
    accountId from to truncated
    rows { requestId model provider inputTokens outputTokens usageEstimated byok cost charged chargedMicroCredits chargedAt }
    totals { requests inputTokens outputTokens cost charged chargedMicroCredits }
  }
}`, { accountId, from, to });
  if (!data.usage) {
    throw new Error('No usage report for this account.');
  }
  return data.usage;
}

/** Issue #15's dimensions and slices. */
export type Dimension = 'PROVIDER' | 'MODEL' | 'POWER_LEVEL' | 'KEY_SOURCE' | 'TIER' | 'API_KEY';

export interface UsageSlice {
  key: string;
  requests: number;
  tokens: number;
  cost: string;
  share: number;
}

export async function usageBreakdown(credential: string, accountId: string | null, from: string, to: string,
                                     by: Dimension): Promise<UsageSlice[]> {
  const data = await graphql<{ usageBreakdown: UsageSlice[] }>(credential, `query Breakdown($accountId: ID, $from: String!, $to: String!, $by: Dimension!) {
  usageBreakdown(accountId: $accountId, from: $from, to: $to, by: $by) { key requests tokens cost share }
}`, { accountId, from, to, by });
  return data.usageBreakdown;
}

export async function modelPopularity(credential: string, from: string, to: string, limit = 100): Promise<UsageSlice[]> {
  const data = await graphql<{ modelPopularity: UsageSlice[] }>(credential, `query Popularity($from: String!, $to: String!, $limit: Int) {
  modelPopularity(from: $from, to: $to, limit: $limit) { key requests tokens cost share }
}`, { from, to, limit });
  return data.modelPopularity;
}

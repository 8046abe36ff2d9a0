import type { CatalogModel, CatalogProvider, PowerLevel } from './api/types';

/** The levels' multipliers on the list price (PowerLevel in the domain: 0.1×, 0.25×, 1.0×). */
export const MULTIPLIERS: Record<PowerLevel, number> = { eco: 0.1, balanced: 0.25, precision: 1 };

export const LEVELS: { id: PowerLevel; name: string; description: string }[] = [
  { id: 'eco', name: 'Eco', description: 'Cheapest models, slower response: the cheapest model that meets the request, at 0.1× its price.' },
  { id: 'balanced', name: 'Balanced', description: 'Mix of cost and quality (the default): the best quality for the price, at 0.25× its price.' },
  { id: 'precision', name: 'Precision', description: 'Best models, highest cost: the highest-quality model, at its full price.' },
];

/** A typical request: 1,000 prompt tokens and 500 completion tokens. */
export const TYPICAL = { input: 1_000, output: 500 };

export interface Estimate {
  level: PowerLevel;
  model: CatalogModel | null;
  /** Credits for the typical request at the level's multiplier. */
  credits: number | null;
}

function both(m: CatalogModel): number {
  return m.input_per1k + m.output_per1k;
}

/**
 * Which model `auto` would most likely pick at each level, and what the typical request would cost:
 * the gateway's ranking (Router.strategy) over the models the caller may use now (GET /v1/models: its
 * tier's or its own keys', on providers connected here) whose provider is not down, above the level's
 * quality floor. An estimate for the page — the routing decision itself is the gateway's, and the
 * explanation of every request shows it.
 */
export function estimate(level: PowerLevel, models: CatalogModel[], available: Set<string>, providers: CatalogProvider[],
                         floors: Partial<Record<PowerLevel, number>> = {}): Estimate {
  const down = new Set(providers.filter((p) => p.health.status === 'down' || p.health.status === 'open').map((p) => p.id));
  const floor = floors[level] ?? 0;
  const eligible = models.filter((m) => available.has(m.id) && !down.has(m.provider) && m.quality >= floor);
  if (eligible.length === 0) {
    return { level, model: null, credits: null };
  }
  const dearest = Math.max(1, ...eligible.map(both));
  const sorted = [...eligible].sort((a, b) => {
    switch (level) {
      case 'eco': return both(a) - both(b) || b.quality - a.quality;
      case 'precision': return b.quality - a.quality || both(a) - both(b);
      default: {
        const value = (m: CatalogModel) => m.quality * 1000 - Math.floor((both(m) * 40_000) / dearest);
        return value(b) - value(a) || both(a) - both(b);
      }
    }
  });
  const model = sorted[0];
  const micro = (TYPICAL.input * model.input_per1k + TYPICAL.output * model.output_per1k) / 1000 * MULTIPLIERS[level];
  return { level, model, credits: micro / 1_000_000 };
}

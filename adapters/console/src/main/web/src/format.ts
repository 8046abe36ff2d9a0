/** Formatting of the API's exact decimal strings (credits) and of counts, dates and prices. */

/** 1 credit = 1,000,000 micro-credits; 1,000 credits = 1 US dollar (the packages' rate). */
export const MICRO = 1_000_000;

export function credits(value: string | number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) {
    return String(value);
  }
  const abs = Math.abs(n);
  const fraction = abs !== 0 && abs < 0.01 ? 6 : digits;
  return n.toLocaleString('en-US', { minimumFractionDigits: 0, maximumFractionDigits: fraction });
}

export function count(n: number | null | undefined): string {
  return n === null || n === undefined ? '—' : n.toLocaleString('en-US');
}

export function dateTime(iso: string | null | undefined): string {
  if (!iso) {
    return '—';
  }
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-US', { dateStyle: 'medium', timeStyle: 'short' });
}

/** "Just now", "5 minutes ago", "3 days ago". */
export function ago(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) {
    return 'never';
  }
  const seconds = Math.max(0, Math.round((now - new Date(iso).getTime()) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours} hour${hours === 1 ? '' : 's'} ago`;
  const days = Math.round(hours / 24);
  return `${days} days ago`;
}

/** Micro-credits per 1,000 tokens as credits. */
export function per1k(micro: number): string {
  return credits(micro / MICRO, 4);
}

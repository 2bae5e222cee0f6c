// Number and time formatting shared by every page. Missing values show as an en dash.
const DASH = '–';

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 });

export const isNumber = (v) => typeof v === 'number' && Number.isFinite(v);

export function count(v) {
  if (!isNumber(v)) return DASH;
  return Math.abs(v) >= 100000 ? compact.format(v) : integer.format(v);
}

/** A number with about three significant digits (1.23, 12.3, 123, 1,234). */
export function number(v, digits = 3) {
  if (!isNumber(v)) return DASH;
  if (v === 0) return '0';
  const magnitude = Math.floor(Math.log10(Math.abs(v)));
  const decimals = Math.max(0, Math.min(4, digits - 1 - magnitude));
  return v.toLocaleString(undefined, { minimumFractionDigits: 0, maximumFractionDigits: decimals });
}

export const ms = (v) => (isNumber(v) ? `${number(v)} ms` : DASH);
export const percent = (v, digits = 1) => (isNumber(v) ? `${v.toFixed(digits)}%` : DASH);
export const share = (v) => (isNumber(v) ? `${(v * 100).toFixed(1)}%` : DASH);
export const perSecond = (v) => (isNumber(v) ? `${number(v)}/s` : DASH);

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const clockSeconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
const dateTime = new Intl.DateTimeFormat(undefined, {
  year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
});

export const time = (d) => clock.format(d);
export const timeSeconds = (d) => clockSeconds.format(d);
export const timestamp = (d) => (d ? dateTime.format(d) : DASH);

/** A p-value: four decimals down to 0.0001, then scientific (3.6e-6); exact zero as "< 1e-300". */
export function pValue(v) {
  if (!isNumber(v)) return DASH;
  if (v === 0) return '< 1e-300';
  if (v >= 0.0001) return v.toFixed(4);
  return v.toExponential(1);
}

/** "cramer_von_mises" → "Cramér-von Mises": the drift tests by their usual names. */
const TEST_NAMES = {
  kolmogorov_smirnov: 'Kolmogorov-Smirnov', cramer_von_mises: 'Cramér-von Mises', wasserstein: 'Wasserstein',
  wasserstein_normed: 'Wasserstein (normed)', psi: 'PSI', jensen_shannon: 'Jensen-Shannon', chi_squared: 'Chi-squared',
};
export const testName = (t) => TEST_NAMES[t] ?? (t ? t.replaceAll('_', ' ') : DASH);

/** "12 s ago", "3 min ago", "2 h ago" relative to now. */
export function ago(value, now = Date.now()) {
  if (!value) return 'never';
  const seconds = Math.max(0, Math.round((now - new Date(value).getTime()) / 1000));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return `${Math.floor(seconds / 86400)} d ago`;
}

/** Class labels and names in their natural order: "2" before "10", "cat" before "dog". */
const labelOrder = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
export const byLabel = (a, b) => labelOrder.compare(String(a), String(b)) || (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0);

export { DASH };

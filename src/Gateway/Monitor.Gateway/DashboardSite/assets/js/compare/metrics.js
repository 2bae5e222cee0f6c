// How each compared metric reads: its name, and how its values and differences are written. Rates are
// fractions in the API and shown as percentages; differences of rates in percentage points.
import * as format from '../format.js';

const pct = (v) => format.share(v);
const pp = (v) => (format.isNumber(v) ? `${v >= 0 ? '+' : ''}${(v * 100).toFixed(2)} pp` : format.DASH);
const ms = (v) => format.ms(v);
const signedMs = (v) => (format.isNumber(v) ? `${v >= 0 ? '+' : ''}${format.number(v)} ms` : format.DASH);
const num = (v) => format.number(v, 4);
const signed = (v) => (format.isNumber(v) ? `${v >= 0 ? '+' : ''}${format.number(v, 4)}` : format.DASH);

const RATE = { value: pct, difference: pp };
const LATENCY = { value: ms, difference: signedMs };
const PLAIN = { value: num, difference: signed };

const METRICS = {
  success_rate: { label: 'Success rate', ...RATE },
  latency_mean_ms: { label: 'Mean latency', ...LATENCY },
  latency_p50_ms: { label: 'p50 latency', ...LATENCY },
  latency_p95_ms: { label: 'p95 latency', ...LATENCY },
  latency_p99_ms: { label: 'p99 latency', ...LATENCY },
  confidence_mean: { label: 'Mean confidence', ...PLAIN },
  accuracy: { label: 'Accuracy (labels)', ...RATE },
  estimated_accuracy: { label: 'Estimated accuracy', ...RATE },
  mae: { label: 'Mean absolute error', ...PLAIN },
  click_through_rate: { label: 'Click-through rate', ...RATE },
  conversion_rate: { label: 'Conversion rate', ...RATE },
  revenue_per_prediction: { label: 'Revenue per prediction', ...PLAIN },
};

export function metricOf(name) {
  return METRICS[name] ?? { label: name.replaceAll('_', ' '), ...PLAIN };
}

const VERDICTS = {
  better: { label: 'B better', tone: 'tag-ok' },
  worse: { label: 'B worse', tone: 'tag-bad' },
  no_significant_difference: { label: 'no significant difference', tone: 'tag-quiet' },
  insufficient_data: { label: 'insufficient data', tone: 'tag-outline' },
};

export const verdictOf = (v) => VERDICTS[v] ?? { label: v, tone: 'tag-quiet' };

const EFFECTS = { cohens_h: "Cohen's h", cohens_d: "Cohen's d", probability_b_greater: 'P(B > A)', relative_difference: 'relative' };
export const effectName = (name) => EFFECTS[name] ?? name.replaceAll('_', ' ');

const TESTS = { two_proportion_z: 'two-proportion z', welch_t: "Welch's t", mann_whitney_u: 'Mann-Whitney U' };
export const comparisonTest = (name) => TESTS[name] ?? name.replaceAll('_', ' ');

// Linear scales with "nice" round ticks, shared by the charts.

/** Ticks 0..max at a 1-2-5 step, about `count` of them; the last tick is at or above max. */
export function niceTicks(max, count = 4) {
  if (!(max > 0)) return [0, 1];
  const rough = max / count;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough);
  const ticks = [];
  for (let v = 0; v < max + step * 1e-9; v += step) ticks.push(round(v, step));
  if (ticks[ticks.length - 1] < max) ticks.push(round(ticks[ticks.length - 1] + step, step));
  return ticks;
}

function round(v, step) {
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 1);
  return Number(v.toFixed(decimals));
}

export function linear(domainMin, domainMax, rangeMin, rangeMax) {
  const span = domainMax - domainMin || 1;
  return (v) => rangeMin + ((v - domainMin) / span) * (rangeMax - rangeMin);
}

/** About `count` evenly spaced indices of an n-long series, first and last included. */
export function indexTicks(n, count = 6) {
  if (n <= 0) return [];
  if (n <= count) return [...Array(n).keys()];
  const step = (n - 1) / (count - 1);
  return [...Array(count).keys()].map((i) => Math.round(i * step));
}

// The periods a version page and the comparison can show, with the chart step of each.
export const RANGES = [
  { key: '15m', label: '15 min', minutes: 15, step: 10 },
  { key: '1h', label: '1 hour', minutes: 60, step: 60 },
  { key: '6h', label: '6 hours', minutes: 360, step: 300 },
  { key: '24h', label: '24 hours', minutes: 1440, step: 900 },
];

// Time-series charts of the period (GET .../timeseries): throughput, latency percentiles, errors by
// type and mean confidence, each marked where the detector found a level shift in its series.
import { h } from '../dom.js';
import { createTimeChart } from '../charts/time-chart.js';
import * as format from '../format.js';

const PALETTE = 12;

export const trafficSection = {
  id: 'traffic',
  title: 'Traffic and latency',
  create() {
    const throughput = createTimeChart({ id: 'throughput', title: 'Throughput', description: 'Requests per second', kind: 'area', valueFormat: format.number });
    const latency = createTimeChart({ id: 'latency', title: 'Latency', description: 'Milliseconds, per step', valueFormat: format.number });
    const errors = createTimeChart({ id: 'errors', title: 'Errors by type', description: 'Failed requests per step', kind: 'stacked', valueFormat: format.count, emptyMessage: 'No errors in this period' });
    const confidence = createTimeChart({ id: 'confidence', title: 'Confidence', description: 'Mean confidence per step', valueFormat: format.number, emptyMessage: 'No confidence reported' });
    return {
      element: h('div', { class: 'chart-grid' }, throughput.element, latency.element, errors.element, confidence.element),
      async refresh(ctx, signal) {
        const ts = await ctx.loader.timeseries(signal);
        const points = ts.points;
        const times = points.map((p) => new Date(p.time));
        const step = ts.step_seconds;
        const changes = (...names) => (ts.change_points ?? []).filter((c) => names.includes(c.series));
        throughput.update({ times, stepSeconds: step, changes: changes('throughput'), series: [{ key: 'throughput_per_second', label: 'req/s', cls: 's0', values: points.map((p) => p.throughput_per_second) }] });
        latency.update({
          times, stepSeconds: step, changes: changes('latency_p50_ms', 'latency_p95_ms', 'latency_p99_ms'),
          series: [
            { key: 'p50_latency_ms', label: 'p50', cls: 's0', values: points.map((p) => p.p50_latency_ms ?? null) },
            { key: 'p95_latency_ms', label: 'p95', cls: 's1', values: points.map((p) => p.p95_latency_ms ?? null) },
            { key: 'p99_latency_ms', label: 'p99', cls: 's2', values: points.map((p) => p.p99_latency_ms ?? null) },
          ],
        });
        const types = [...new Set(points.flatMap((p) => Object.keys(p.errors_by_type ?? {})))].sort();
        errors.update({
          times, stepSeconds: step, changes: changes('error_rate'),
          series: types.map((type, i) => ({ key: type, label: type, cls: `s${(i + 3) % PALETTE}`, values: points.map((p) => p.errors_by_type?.[type] ?? 0) })),
        });
        confidence.update({ times, stepSeconds: step, changes: changes('confidence_mean'), series: [{ key: 'confidence_mean', label: 'mean', cls: 's4', values: points.map((p) => p.confidence_mean ?? null) }] });
      },
    };
  },
};

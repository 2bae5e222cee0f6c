// Multivariate drift (the report's `multivariate` section): the feature window's PCA reconstruction error
// against the bounds from the reference's chunk-to-chunk variation, and the error over time from the history.
// Hidden when the report has no such section (off, or fewer than two numeric features).
import { h, fill } from '../dom.js';
import * as format from '../format.js';
import { createTimeChart } from '../charts/time-chart.js';

export function createMultivariateView() {
  const verdict = h('div', { class: 'verdict', 'data-multivariate-verdict': '' });
  const tiles = h('div', { class: 'tiles tiles-dense' });
  const note = h('p', { class: 'muted small' });
  const chart = createTimeChart({
    id: 'drift-multivariate', title: 'Reconstruction error over time',
    description: 'Mean PCA reconstruction error of the window per evaluation, and the bounds it must stay within',
    emptyMessage: 'No multivariate evaluation in this period',
  });
  const element = h('div', { class: 'card', 'data-section': 'multivariate', hidden: true },
    h('div', { class: 'card-head' }, h('h3', null, 'Multivariate drift')), verdict, tiles, note, chart.element);

  function update(report, history) {
    const m = report.multivariate;
    element.hidden = !m;
    if (!m) return;
    const judged = m.status === 'evaluated';
    fill(verdict,
      judged
        ? h('span', { class: `pill ${m.drifted ? 'health-warning' : 'health-healthy'}`, 'data-drifted': String(m.drifted), 'data-status': m.status }, h('i', { class: 'dot' }), m.drifted ? 'Correlations drifted' : 'No multivariate drift')
        : h('span', { class: 'pill health-idle', 'data-drifted': 'insufficient_data', 'data-status': m.status }, h('i', { class: 'dot' }), 'Insufficient data'),
      h('span', { class: 'muted' }, judged
        ? ` PCA of ${m.features.length} numeric features, ${m.components} components keep ${format.share(m.variance_kept)} of the variance`
        : ` ${m.message ?? ''}`));
    const tile = (key, label, value, cls) => h('div', { class: `tile ${cls ?? ''}`, 'data-figure': key }, h('span', { class: 'tile-label' }, label), h('span', { class: 'tile-value' }, value));
    const show = (v) => format.number(v);
    fill(tiles,
      tile('reconstruction_error', 'Reconstruction error', show(m.reconstruction_error), judged ? (m.drifted ? 'tone-warn' : 'tone-good') : 'tone-quiet'),
      tile('lower_threshold', 'Lower bound', show(m.lower_threshold)),
      tile('upper_threshold', 'Upper bound', show(m.upper_threshold)),
      tile('reference_error', 'Reference error', show(m.reference_error)),
      tile('window_rows', 'Window rows', format.count(m.window_rows)));
    fill(note, `Bounds: the mean error of ${m.reference_chunks} reference chunks of ${format.count(m.chunk_rows)} rows \u00b1 3 standard deviations (by default), scaled to the window's rows. Categorical features are not part of it.`);
    const points = history.evaluations.filter((e) => e.multivariate);
    const times = points.map((e) => new Date(e.time));
    const line = (key, label, cls) => ({ key, label, cls, values: points.map((e) => e.multivariate[key] ?? null) });
    chart.update({
      times, stepSeconds: history.interval_seconds,
      series: [line('reconstruction_error', 'error', 's0'), line('upper_threshold', 'upper bound', 's1'), line('lower_threshold', 'lower bound', 's2')],
    });
  }

  return { element, update };
}

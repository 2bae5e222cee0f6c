// What the model answered over the period (GET .../summary): the confidence histogram and the
// distribution of predictions (classes, or quantiles of a regression's values).
import { h, fill } from '../dom.js';
import { createCategoryChart } from '../charts/category-chart.js';
import * as format from '../format.js';

const MAX_CLASSES = 20;

export const outputsSection = {
  id: 'outputs',
  title: 'Model outputs',
  optional: true,
  create() {
    const histogram = createCategoryChart({ id: 'confidence-histogram', title: 'Confidence histogram', description: 'Records per confidence bin', cls: 's4', valueLabel: 'Records', emptyMessage: 'No confidence reported' });
    const classes = createCategoryChart({ id: 'predictions', title: 'Predictions', description: 'Records per predicted class', cls: 's5', valueLabel: 'Records', emptyMessage: 'No predictions in this period' });
    const regression = h('div', { class: 'card regression', hidden: true });
    return {
      element: h('div', { class: 'chart-grid' }, histogram.element, classes.element, regression),
      async refresh(ctx, signal) {
        const s = await ctx.loader.summary(signal);
        // Nothing answered in the period: no empty charts.
        if (!s.total_requests) return false;
        histogram.update((s.confidence?.histogram ?? []).map((b) => ({ key: `${b.lower}`, label: `${format.number(b.lower, 2)}–${format.number(b.upper, 2)}`, value: b.count })));
        const p = s.predictions ?? { kind: 'none' };
        const isRegression = p.kind === 'regression';
        classes.element.hidden = isRegression;
        regression.hidden = !isRegression;
        if (isRegression) {
          const row = (label, value) => h('tr', null, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, format.number(value, 4)));
          fill(regression, h('h3', null, 'Predicted values'), h('table', { class: 'kv' }, h('tbody', null,
            row('count', p.count), row('mean', p.mean), row('min', p.min), row('p50', p.p50), row('p95', p.p95), row('max', p.max))));
          return true;
        }
        // The most frequent classes, shown in the classes' natural order ("2" before "10").
        const entries = Object.entries(p.classes ?? {}).sort((a, b) => b[1] - a[1]).slice(0, MAX_CLASSES).sort((a, b) => format.byLabel(a[0], b[0]));
        classes.update(entries.map(([label, value]) => ({ key: label, label, value })));
        return true;
      },
    };
  },
};

// What happened after the predictions (GET .../summary's outcomes): labels and how they joined, realized
// classification (accuracy, precision, recall, F1, confusion matrix) or regression errors, accuracy
// estimated from confidences beside the realized one with a reliability diagram, and business rates.
// Hidden while the version has had no label and no event.
import { h, fill } from '../dom.js';
import * as format from '../format.js';
import { createCalibrationChart } from '../charts/calibration-chart.js';
import { createTimeChart } from '../charts/time-chart.js';

const tile = (key, label, value, cls, title) => h('div', { class: `tile ${cls ?? ''}`, 'data-figure': key, title },
  h('span', { class: 'tile-label' }, label), h('span', { class: 'tile-value', 'data-value': typeof value === 'string' ? null : value }, value));

const figure = (key, label, raw, text, cls) => h('div', { class: `tile ${cls ?? ''}`, 'data-figure': key },
  h('span', { class: 'tile-label' }, label), h('span', { class: 'tile-value', 'data-value': raw ?? '' }, text));

export const outcomesSection = {
  id: 'outcomes',
  title: 'Labels and outcomes',
  optional: true,
  create() {
    const labels = h('div', { class: 'tiles tiles-dense', 'data-part': 'labels' });
    const performance = h('div', { class: 'tiles tiles-dense', 'data-part': 'performance' });
    const classes = h('table', { class: 'grid-table', id: 'class-metrics' });
    const matrix = h('table', { class: 'grid-table confusion', id: 'confusion-matrix' });
    const classification = h('div', { class: 'outcome-tables', hidden: true },
      h('div', { class: 'card' }, h('div', { class: 'card-head' }, h('h3', null, 'Per class')), h('div', { class: 'table-scroll' }, classes)),
      h('div', { class: 'card' }, h('div', { class: 'card-head' }, h('h3', null, 'Confusion matrix'), h('p', { class: 'muted small' }, 'Rows: true class. Columns: predicted class.')), h('div', { class: 'table-scroll' }, matrix)));
    const estimate = h('div', { class: 'tiles tiles-dense', 'data-part': 'estimated' });
    const estimateNote = h('p', { class: 'muted small', 'data-part': 'estimate-note' });
    const calibration = createCalibrationChart({ id: 'calibration', title: 'Calibration', description: 'Realized accuracy per confidence bin (labelled predictions)' });
    const accuracy = createTimeChart({ id: 'accuracy', title: 'Accuracy over time', description: 'Realized (labels) and estimated (confidences) per step', valueFormat: format.number, emptyMessage: 'No labels or confidences in this period' });
    const estimateBlock = h('div', { hidden: true }, h('h3', { class: 'sub-title' }, 'Estimated and realized accuracy'), estimate, estimateNote, h('div', { class: 'chart-grid' }, calibration.element, accuracy.element));
    const business = h('div', { class: 'tiles tiles-dense', 'data-part': 'business' });
    const eventTypes = h('table', { class: 'grid-table', id: 'business-events' });
    const rates = createTimeChart({ id: 'business-rates', title: 'Business rates', description: 'Events per successful prediction, per step', valueFormat: format.number, emptyMessage: 'No events in this period' });
    const businessBlock = h('div', { hidden: true, 'data-part': 'business-block' }, h('h3', { class: 'sub-title' }, 'Business'), business,
      h('div', { class: 'chart-grid' }, h('div', { class: 'card' }, h('div', { class: 'table-scroll tall' }, eventTypes)), rates.element));

    return {
      element: h('div', null, h('h3', { class: 'sub-title first' }, 'Labels'), labels, h('h3', { class: 'sub-title' }, 'Realized performance'), performance, classification, estimateBlock, businessBlock),
      async refresh(ctx, signal) {
        const o = (await ctx.loader.summary(signal)).outcomes;
        if (!o) return false;
        const l = o.labels;
        fill(labels,
          figure('joined', 'Labels joined', l.joined, format.count(l.joined)),
          figure('coverage', 'Coverage', l.coverage, format.share(l.coverage), null),
          figure('pending_now', 'Waiting now', l.pending_now, format.count(l.pending_now)),
          figure('late', 'Late', l.late, format.count(l.late), l.late ? 'tone-warn' : ''),
          figure('duplicate', 'Duplicates', l.duplicate, format.count(l.duplicate)),
          figure('unknown_id', 'Unknown id', l.unknown_id, format.count(l.unknown_id), l.unknown_id ? 'tone-warn' : ''),
          figure('unscorable', 'Unscorable', l.unscorable, format.count(l.unscorable)),
          l.delay_seconds ? figure('delay_p50', 'Label delay p50', l.delay_seconds.p50, seconds(l.delay_seconds.p50)) : null,
          l.delay_seconds ? figure('delay_p95', 'Label delay p95', l.delay_seconds.p95, seconds(l.delay_seconds.p95)) : null);

        const c = o.classification;
        const r = o.regression;
        if (c) {
          fill(performance,
            figure('accuracy', 'Accuracy', c.accuracy, format.share(c.accuracy)),
            figure('precision_macro', 'Precision (macro)', c.precision_macro, format.number(c.precision_macro, 3)),
            figure('recall_macro', 'Recall (macro)', c.recall_macro, format.number(c.recall_macro, 3)),
            figure('f1_macro', 'F1 (macro)', c.f1_macro, format.number(c.f1_macro, 3)),
            figure('f1_weighted', 'F1 (weighted)', c.f1_weighted, format.number(c.f1_weighted, 3)),
            c.roc_auc ? figure('roc_auc', `ROC AUC (${c.roc_auc.positive_class})`, c.roc_auc.value, format.number(c.roc_auc.value, 3)) : null,
            figure('scored', 'Scored labels', c.count, format.count(c.count)));
          renderClasses(c);
        } else if (r) {
          fill(performance,
            figure('mae', 'MAE', r.mae, format.number(r.mae, 4)),
            figure('rmse', 'RMSE', r.rmse, format.number(r.rmse, 4)),
            figure('mape', 'MAPE', r.mape, format.share(r.mape)),
            figure('mean_error', 'Mean error (bias)', r.mean_error, format.number(r.mean_error, 4)),
            figure('scored', 'Scored labels', r.count, format.count(r.count)));
        } else {
          fill(performance, h('p', { class: 'muted small' }, 'No label scored in this period.'));
        }
        classification.hidden = !c;

        const e = o.estimated;
        estimateBlock.hidden = !e;
        if (e) {
          const band = (e.metrics ?? []).find((m) => m.metric === 'accuracy');
          fill(estimate,
            figure('estimated_accuracy', e.uncalibrated ? 'Estimated accuracy (uncalibrated)' : 'Estimated accuracy', e.accuracy, format.share(e.accuracy), e.uncalibrated ? 'tone-warn' : ''),
            band && format.isNumber(band.lower) ? figure('estimate_band', 'Band (±3 sd)', band.lower, `${format.share(band.lower)} – ${format.share(band.upper)}`) : null,
            format.isNumber(e.f1_macro) ? figure('estimated_f1_macro', 'Estimated F1 (macro)', e.f1_macro, format.number(e.f1_macro, 3)) : null,
            figure('accuracy_of_labeled', 'Estimated (labelled only)', e.accuracy_of_labeled, format.share(e.accuracy_of_labeled)),
            figure('realized_accuracy', 'Realized accuracy', e.realized_accuracy, format.share(e.realized_accuracy)),
            figure('calibration_error', 'Calibration error (ECE)', e.calibration_error, format.number(e.calibration_error, 3), e.calibration_error > 0.1 ? 'tone-warn' : ''));
          fill(estimateNote,
            e.estimate_contradicted ? h('span', { class: 'tag tag-bad', 'data-contradicted': 'true' }, 'estimate contradicted by labels') : null,
            e.uncalibrated ? h('span', { class: 'tag tag-warn', 'data-uncalibrated': 'true' }, 'uncalibrated') : null,
            ` ${e.note ?? ''}`);
          calibration.update(e.calibration);
        }

        const points = (await ctx.loader.timeseries(signal)).points;
        const times = points.map((p) => new Date(p.time));
        accuracy.update({
          times, series: [
            { key: 'accuracy', label: 'realized', cls: 's0', values: points.map((p) => p.outcomes?.accuracy ?? null) },
            { key: 'estimated_accuracy', label: 'estimated', cls: 's1', values: points.map((p) => p.outcomes?.estimated_accuracy ?? null) },
          ],
        });

        const b = o.business;
        const hasBusiness = b.types.length > 0;
        businessBlock.hidden = !hasBusiness;
        if (hasBusiness) {
          fill(business,
            figure('click_through_rate', 'Click-through', b.click_through_rate, format.share(b.click_through_rate)),
            figure('conversion_rate', 'Conversion', b.conversion_rate, format.share(b.conversion_rate)),
            figure('revenue_per_prediction', 'Revenue / prediction', b.revenue_per_prediction, format.number(b.revenue_per_prediction, 4)),
            figure('revenue_total', 'Revenue', b.revenue_total, format.number(b.revenue_total, 6)));
          fill(eventTypes,
            h('thead', null, h('tr', null, ['Event', 'Events', 'Matched', 'Duplicates', 'Rate', 'Value', 'Value / prediction'].map((x, i) => h('th', { scope: 'col', class: i ? 'num' : null }, x)))),
            h('tbody', null, b.types.map((t) => h('tr', { 'data-event-type': t.type },
              h('th', { scope: 'row', class: 'mono' }, t.type),
              h('td', { class: 'num' }, format.count(t.events)),
              h('td', { class: 'num' }, format.count(t.matched)),
              h('td', { class: 'num' }, format.count(t.duplicates)),
              h('td', { class: 'num', 'data-field': 'rate', 'data-value': t.rate ?? '' }, format.share(t.rate)),
              h('td', { class: 'num' }, format.number(t.value_sum, 6)),
              h('td', { class: 'num' }, format.number(t.value_per_prediction, 4))))));
          rates.update({
            times, series: [
              { key: 'click_through_rate', label: 'click-through', cls: 's4', values: points.map((p) => p.outcomes?.click_through_rate ?? null) },
              { key: 'conversion_rate', label: 'conversion', cls: 's5', values: points.map((p) => p.outcomes?.conversion_rate ?? null) },
            ],
          });
        }
        return true;
      },
    };

    function renderClasses(c) {
      fill(classes,
        h('thead', null, h('tr', null, ['Class', 'Precision', 'Recall', 'F1', 'Support', 'Predicted'].map((x, i) => h('th', { scope: 'col', class: i ? 'num' : null }, x)))),
        h('tbody', null, [...c.classes].sort((a, b) => format.byLabel(a.class, b.class)).map((k) => h('tr', { 'data-class': k.class },
          h('th', { scope: 'row', class: 'mono' }, k.class),
          h('td', { class: 'num', 'data-field': 'precision', 'data-value': k.precision }, format.number(k.precision, 3)),
          h('td', { class: 'num', 'data-field': 'recall', 'data-value': k.recall }, format.number(k.recall, 3)),
          h('td', { class: 'num', 'data-field': 'f1', 'data-value': k.f1 }, format.number(k.f1, 3)),
          h('td', { class: 'num' }, format.count(k.support)),
          h('td', { class: 'num' }, format.count(k.predicted))))));
      const m = c.confusion_matrix;
      const max = Math.max(1, ...m.counts.flat());
      // Rows and columns in the classes' natural order, the same order both ways so the diagonal stays the diagonal.
      const order = m.classes.map((_, i) => i).sort((a, b) => format.byLabel(m.classes[a], m.classes[b]));
      fill(matrix,
        h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'true \\ predicted'), order.map((j) => h('th', { scope: 'col', class: 'num mono' }, m.classes[j])))),
        h('tbody', null, order.map((i) => h('tr', { 'data-true': m.classes[i] },
          h('th', { scope: 'row', class: 'mono' }, m.classes[i]),
          order.map((j) => {
            const n = m.counts[i][j];
            return h('td', {
              class: `num heat-${Math.ceil((n / max) * 5)}${i === j ? ' diagonal-cell' : ''}`, 'data-predicted': m.classes[j], 'data-value': n,
            }, format.count(n));
          })))));
    }
  },
};

function seconds(v) {
  if (!format.isNumber(v)) return format.DASH;
  if (v < 120) return `${format.number(v)} s`;
  if (v < 7200) return `${format.number(v / 60)} min`;
  return `${format.number(v / 3600)} h`;
}

// Drift of the version's feature window against its reference (GET .../drift, evaluated at each refresh)
// and its history over the period (GET .../drift/history). Hidden when the version has no reference
// (its line in GET /v1/models has no drift verdict).
import { h, fill } from '../dom.js';
import * as format from '../format.js';
import { createFeatureTable } from '../drift/feature-table.js';
import { createDistributionView } from '../drift/distribution-view.js';
import { createMultivariateView } from '../drift/multivariate-view.js';
import { createDocumentForm } from '../settings/document-form.js';
import { DRIFT_SETTING_FIELDS } from '../settings/document-fields.js';
import { api } from '../api.js';
import { createTimeChart } from '../charts/time-chart.js';

const PALETTE = 12;
const MAX_SERIES = 12;
const MEASURES = [
  { key: 'adjusted_p_value', label: 'Adjusted p', scale: 'log', description: 'Adjusted p-value of each feature\u2019s verdict test (log scale); below alpha is drift' },
  { key: 'p_value', label: 'p-value', scale: 'log', description: 'p-value of each feature\u2019s verdict test (log scale)' },
  { key: 'statistic', label: 'Statistic', scale: 'linear', description: 'Statistic of each feature\u2019s verdict test' },
  { key: 'psi', label: 'PSI', scale: 'linear', description: 'Population stability index of each feature' },
];

export const driftSection = {
  id: 'drift',
  title: 'Drift',
  optional: true,
  create({ model, version }) {
    let measure = MEASURES[0];
    let last = null;
    const verdict = h('div', { class: 'verdict', 'data-drift-verdict': '' });
    const tiles = h('div', { class: 'tiles tiles-dense' });
    const distribution = createDistributionView({ model, version });
    const settings = createDocumentForm({
      id: 'drift-settings', title: 'Drift settings', fields: DRIFT_SETTING_FIELDS,
      save: (body) => api.putDriftSettings(model, version, body),
    });
    const settingsError = h('p', { class: 'section-error', role: 'alert', hidden: true });
    const editSettings = h('button', {
      type: 'button', class: 'secondary-button small', 'data-action': 'edit-drift-settings',
      onclick: async () => {
        settingsError.hidden = true;
        try {
          settings.open(await api.driftSettings(model, version), { heading: 'Drift settings of this version' });
        } catch (e) {
          settingsError.textContent = `Could not read the drift settings: ${e.message}`;
          settingsError.hidden = false;
        }
      },
    }, 'Edit drift settings');
    const features = createFeatureTable('drift-features', { onDistribution: (name) => distribution.open(name) });
    const outputs = createFeatureTable('drift-outputs');
    const multivariate = createMultivariateView();
    const outputsCard = h('div', { class: 'card', hidden: true }, h('div', { class: 'card-head' }, h('h3', null, 'Model outputs')), h('div', { class: 'table-scroll' }, outputs.element));
    const notes = h('p', { class: 'muted small drift-notes' });
    const measureButtons = h('div', { class: 'segmented small', role: 'group', 'aria-label': 'History measure' });
    const charts = h('div', { class: 'chart-grid' });
    let history = createTimeChart({ id: 'drift-history', title: 'Feature drift over time', description: measure.description, scale: measure.scale });
    const drifted = createTimeChart({ id: 'drift-count', title: 'Features drifting', description: 'Features whose verdict is drift, per evaluation', kind: 'stacked', valueFormat: format.number, emptyMessage: 'No evaluation in this period' });
    fill(charts, history.element, drifted.element);

    function renderMeasures() {
      fill(measureButtons, MEASURES.map((m) => h('button', {
        type: 'button', class: m === measure ? 'active' : null, 'aria-pressed': String(m === measure), 'data-measure': m.key,
        onclick: () => {
          measure = m;
          history = createTimeChart({ id: 'drift-history', title: 'Feature drift over time', description: m.description, scale: m.scale });
          charts.replaceChild(history.element, charts.firstChild);
          renderMeasures();
          if (last) drawHistory(last.report, last.history);
        },
      }, m.label)));
    }
    renderMeasures();

    function drawHistory(report, h1) {
      const times = h1.evaluations.map((e) => new Date(e.time));
      const keys = h1.evaluations.map((e) => e.time);
      // Drifting features first, so the ones that matter keep their colours when there are many.
      const order = new Map(report.features.map((f) => [f.name, f.verdict?.drifted ? 0 : 1]));
      const series = [...h1.features].sort((a, b) => (order.get(a.name) ?? 2) - (order.get(b.name) ?? 2)).slice(0, MAX_SERIES)
        .map((f, i) => {
          const at = new Map(f.points.map((p) => [p.time, p]));
          return { key: f.name, label: f.name, cls: `s${i % PALETTE}`, values: keys.map((t) => at.get(t)?.[measure.key] ?? null) };
        });
      const guide = measure.scale === 'log' ? { value: report.dataset.alpha, label: `alpha ${report.dataset.alpha}` }
        : measure.key === 'psi' ? { value: 0.1, label: 'PSI 0.1' } : null;
      history.update({ times, stepSeconds: h1.interval_seconds, series, guide });
      drifted.update({ times, stepSeconds: h1.interval_seconds, series: [{ key: 'features_drifted', label: 'drifting', cls: 's1', values: h1.evaluations.map((e) => e.features_drifted) }] });
    }

    return {
      element: h('div', null, h('div', { class: 'section-head sub drift-head' }, verdict, editSettings), settingsError, settings.element, tiles,
        h('div', { class: 'card' }, h('div', { class: 'table-scroll' }, features.element)),
        distribution.element,
        multivariate.element,
        outputsCard, notes,
        h('div', { class: 'section-head sub' }, h('h3', null, 'History'), measureButtons),
        charts),
      async refresh(ctx, signal) {
        // The listing carries a drift verdict exactly when the version has a reference.
        if (!(await ctx.loader.row(signal))?.drift) return false;
        const report = await ctx.loader.get(ctx.segment ? `drift?segment=${encodeURIComponent(ctx.segment)}` : 'drift', signal);
        const h1 = await ctx.loader.get(`drift/history?minutes=${ctx.range.minutes}`, signal);
        last = { report, history: h1 };
        const d = report.dataset;
        const insufficient = d.status === 'insufficient_data';
        const pill = insufficient
          ? h('span', { class: 'pill health-idle', 'data-drifted': 'insufficient_data', 'data-status': d.status }, h('i', { class: 'dot' }), 'Insufficient data')
          : h('span', { class: `pill ${d.drifted ? 'health-warning' : 'health-healthy'}`, 'data-drifted': String(d.drifted), 'data-status': d.status }, h('i', { class: 'dot' }), d.drifted ? 'Drift detected' : 'No drift');
        fill(verdict, pill,
          h('span', { class: 'muted' }, insufficient
            ? ` no feature has the ${d.minimum_sample_size} values the minimum sample needs, so there is no verdict yet`
            : ` ${d.features_drifted} of ${d.features_tested} features drift after ${d.correction.replaceAll('_', '-')} correction at alpha ${d.alpha}`,
            ` · window of the last ${format.count(report.window_records)} records (W = ${format.count(report.window_size)}) against ${format.count(report.reference_rows)} reference rows`,
            ` · evaluated ${format.timeSeconds(new Date(report.evaluated_at))}`));
        const tile = (key, label, value, cls) => h('div', { class: `tile ${cls ?? ''}`, 'data-figure': key }, h('span', { class: 'tile-label' }, label), h('span', { class: 'tile-value' }, value));
        fill(tiles,
          tile('features_drifted', 'Features drifting', insufficient ? format.DASH : `${d.features_drifted} / ${d.features_tested}`, insufficient ? 'tone-quiet' : d.drifted ? 'tone-warn' : 'tone-good'),
          tile('drifted_share', 'Share drifting', insufficient ? format.DASH : format.share(d.drifted_share)),
          tile('features_without_verdict', 'Without verdict', format.count(d.features_without_verdict), d.features_without_verdict ? 'tone-quiet' : ''),
          tile('window_records', 'Window records', format.count(report.window_records)),
          tile('reference_rows', 'Reference rows', format.count(report.reference_rows)),
          report.outputs_verdict
            ? tile('outputs', 'Outputs', report.outputs_verdict.drifted ? 'drift' : 'no drift', report.outputs_verdict.drifted ? 'tone-warn' : '')
            : null);
        features.update(report.features);
        outputsCard.hidden = report.outputs.length === 0;
        outputs.update(report.outputs);
        fill(notes,
          report.unknown_features.length ? [`Features the reference does not have: `, h('span', { class: 'mono' }, report.unknown_features.join(', ')), '. '] : null,
          report.outputs_compared ? null : h('span', { 'data-outputs-note': '' }, `Model outputs are not compared: ${report.outputs_note ?? 'the reference has none'}. `),
          report.notes.join(' '));
        drawHistory(report, h1);
        multivariate.update(report, h1);
        await distribution.refresh(signal);
        return true;
      },
    };
  },
};

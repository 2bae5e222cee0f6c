// One feature's reference and current-window distributions (GET .../drift/features/{feature}/distribution),
// opened from the drift table: a histogram of shared bins or the two ECDFs for a numeric feature, bars per
// category for a categorical one, with both samples' sizes and the window's time range.
import { h, fill } from '../dom.js';
import { api } from '../api.js';
import * as format from '../format.js';
import { createDistributionChart } from '../charts/distribution-chart.js';

const MODES = [{ key: 'histogram', label: 'Histogram' }, { key: 'ecdf', label: 'ECDF' }];

export function createDistributionView({ model, version }) {
  let feature = null;
  let mode = MODES[0];
  let last = null;
  const title = h('h3', null);
  const facts = h('p', { class: 'muted small', 'data-part': 'distribution-facts' });
  const error = h('p', { class: 'section-error', role: 'alert', hidden: true });
  const modes = h('div', { class: 'segmented small', role: 'group', 'aria-label': 'Distribution view' });
  const chartSlot = h('div', null);
  const element = h('div', { class: 'card distribution-card', hidden: true, 'data-distribution': '' },
    h('div', { class: 'card-head section-head' }, title,
      h('div', { class: 'inline' }, modes, h('button', { type: 'button', class: 'secondary-button small', 'data-action': 'close-distribution', onclick: close }, 'Close'))),
    h('div', { class: 'card-body' }, facts, error, chartSlot));

  function renderModes(numeric) {
    modes.hidden = !numeric;
    fill(modes, MODES.map((m) => h('button', {
      type: 'button', class: m === mode ? 'active' : null, 'aria-pressed': String(m === mode), 'data-mode': m.key,
      onclick: () => { mode = m; renderModes(true); if (last) draw(last); },
    }, m.label)));
  }

  async function open(name) {
    feature = name;
    element.hidden = false;
    element.dataset.feature = name;
    fill(title, 'Distribution of ', h('span', { class: 'mono' }, name));
    await load();
    element.scrollIntoView({ block: 'nearest' });
  }

  function close() {
    feature = null;
    last = null;
    element.hidden = true;
    delete element.dataset.feature;
  }

  async function load(signal) {
    if (!feature) return;
    const asked = feature;
    try {
      const d = await api.distribution(model, version, asked, signal);
      if (asked !== feature) return;
      error.hidden = true;
      last = d;
      draw(d);
    } catch (e) {
      if (e.name === 'AbortError' || asked !== feature) throw e;
      error.textContent = e.message;
      error.hidden = false;
    }
  }

  function draw(d) {
    const numeric = d.kind === 'numeric';
    renderModes(numeric);
    const c = d.current;
    fill(facts,
      `Reference: ${format.count(d.reference.size)} values`, d.reference.missing ? ` (+${format.count(d.reference.missing)} missing)` : '',
      ` · current window: ${format.count(c.size)} values of ${format.count(c.records)} records (W = ${format.count(c.window_size)})`,
      c.missing ? `, ${format.count(c.missing)} missing` : '', c.wrong_type ? `, ${format.count(c.wrong_type)} not numbers` : '',
      c.from ? ` · records from ${format.timestamp(new Date(c.from))} to ${format.timestamp(new Date(c.to))}` : ' · no record in the window yet');
    const share = (n, size) => (size > 0 ? n / size : 0);
    const chart = createDistributionChart({
      id: 'feature-distribution',
      title: numeric ? (mode.key === 'ecdf' ? 'Empirical distribution functions' : 'Histogram (shared bins)') : 'Categories',
      description: numeric && mode.key === 'ecdf' ? 'Share of values at or below each value' : 'Share of each sample\u2019s values',
    });
    if (!numeric) {
      const groups = d.categories.map((k) => ({
        key: k.value, label: k.in_reference ? k.value : `${k.value} (new)`,
        reference: share(k.reference, d.reference.size), current: share(k.current, c.size), counts: { reference: k.reference, current: k.current },
      }));
      if (d.other) {
        groups.push({
          key: '(other)', label: `other (${d.other.categories})`,
          reference: share(d.other.reference, d.reference.size), current: share(d.other.current, c.size), counts: { reference: d.other.reference, current: d.other.current },
        });
      }
      chart.bars(groups, { kind: 'categories' });
    } else if (mode.key === 'ecdf') {
      chart.steps(d.ecdf);
    } else {
      const { edges, reference_counts: ref, current_counts: cur, whole_number_bins: whole } = d.histogram;
      chart.bars(ref.map((n, i) => ({
        key: String(edges[i]),
        label: whole ? format.number(edges[i] + 0.5, 6) : `${format.number(edges[i], 3)}–${format.number(edges[i + 1], 3)}`,
        reference: share(n, d.reference.size), current: share(cur[i], c.size), counts: { reference: n, current: cur[i] },
      })));
    }
    fill(chartSlot, chart.element);
  }

  return { element, open, close, refresh: load, get feature() { return feature; } };
}

// The drift table of features (or model outputs): one row per feature with its verdict test and why it was
// chosen, statistic, p-values and how the p-value was obtained, threshold and decision; a row opens to every
// test run on it, and (for features) its button opens the distributions. Raw figures ride in data-value
// attributes so tests compare them with the API exactly.
import { h, fill } from '../dom.js';
import * as format from '../format.js';

const COLUMNS = ['Feature', 'Kind', 'Status', 'Verdict test', 'Statistic', 'p-value', 'Adjusted p', 'Threshold', 'Drift', 'Window', 'Out of range / unseen'];

export function createFeatureTable(id, { onDistribution } = {}) {
  const open = new Set();
  const table = h('table', { class: 'grid-table drift-table', id });
  const columns = onDistribution ? [...COLUMNS, ''] : COLUMNS;

  function update(features) {
    fill(table,
      h('thead', null, h('tr', null, columns.map((c, i) => h('th', { scope: 'col', class: i >= 4 && i !== 8 && i < COLUMNS.length ? 'num' : null }, c)))),
      h('tbody', null, features.length ? features.flatMap(row) : h('tr', null, h('td', { colspan: columns.length, class: 'empty-row' }, 'Nothing to compare.'))));
  }

  function row(f) {
    const v = f.verdict;
    const detail = h('tr', { class: 'drift-detail', hidden: !open.has(f.name) }, h('td', { colspan: columns.length }, testsTable(f)));
    const tr = h('tr', {
      class: 'drift-row', tabindex: 0, 'data-feature': f.name, 'data-drifted': String(v?.drifted ?? false), 'aria-expanded': String(open.has(f.name)),
      onclick: toggle, onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } },
    },
    h('th', { scope: 'row', class: 'mono' }, f.name),
    h('td', null, f.kind),
    h('td', { 'data-field': 'status', 'data-value': f.status }, f.status === 'evaluated' ? 'evaluated' : h('span', { class: 'tag tag-quiet', title: f.message ?? null }, f.status.replaceAll('_', ' '))),
    h('td', { 'data-field': 'test', 'data-value': v?.test ?? '', class: 'verdict-test' }, v ? [format.testName(v.test), v.is_default_test ? null : h('span', { class: 'muted small' }, ' (set)'),
      v.reason ? h('div', { class: 'muted small wrap reason', 'data-field': 'reason', 'data-value': v.reason }, v.reason) : null] : format.DASH),
    figure('statistic', v?.statistic, format.number(v?.statistic, 4)),
    h('td', { class: 'num', 'data-field': 'p_value', 'data-value': v?.p_value ?? '' }, format.pValue(v?.p_value),
      v?.p_value_method ? h('div', { class: 'muted small', 'data-field': 'p_value_method', 'data-value': v.p_value_method }, v.p_value_method.replaceAll('_', ' ')) : null),
    figure('adjusted_p_value', v?.adjusted_p_value, format.pValue(v?.adjusted_p_value)),
    figure('threshold', v?.threshold, format.number(v?.threshold, 3)),
    h('td', { 'data-field': 'drifted', 'data-value': v ? String(v.drifted) : '' }, v ? h('span', { class: `tag ${v.drifted ? 'tag-warn' : 'tag-ok'}` }, v.drifted ? 'drift' : 'no drift') : format.DASH),
    h('td', { class: 'num', 'data-field': 'current_size', 'data-value': f.current_size, title: `${f.current_missing} missing; reference ${f.reference_size}` },
      format.count(f.current_size), f.current_missing ? h('span', { class: 'muted small' }, ` +${format.count(f.current_missing)} missing`) : null),
    h('td', { class: 'num' }, f.out_of_range_share != null ? format.share(f.out_of_range_share) : f.unseen_share != null ? format.share(f.unseen_share) : format.DASH),
    onDistribution ? h('td', null, h('button', {
      type: 'button', class: 'secondary-button small', 'data-action': 'distribution', title: `Reference and current distributions of ${f.name}`,
      onclick: (e) => { e.stopPropagation(); onDistribution(f.name); },
      onkeydown: (e) => e.stopPropagation(),
    }, 'Distribution')) : null);
    function toggle() {
      if (open.has(f.name)) open.delete(f.name); else open.add(f.name);
      detail.hidden = !open.has(f.name);
      tr.setAttribute('aria-expanded', String(open.has(f.name)));
    }
    return [tr, detail];
  }

  return { element: table, update };
}

const figure = (field, raw, text) => h('td', { class: 'num', 'data-field': field, 'data-value': raw ?? '' }, text);

function testsTable(f) {
  if (!f.tests?.length) return h('p', { class: 'muted small' }, f.message ?? 'No test was run on this feature.');
  return h('table', { class: 'data-table tests-table' },
    h('thead', null, h('tr', null, ['Test', 'Statistic', 'p-value', 'Threshold', 'Alone', 'Reference n', 'Window n'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', null, f.tests.map((t) => h('tr', { 'data-test': t.test },
      h('th', { scope: 'row' }, format.testName(t.test)),
      h('td', null, format.number(t.statistic, 4)),
      h('td', null, format.pValue(t.p_value)),
      h('td', null, format.number(t.threshold, 3)),
      h('td', null, t.drifted ? 'drift' : 'no drift'),
      h('td', null, format.count(t.reference_size)),
      h('td', null, format.count(t.current_size))))));
}

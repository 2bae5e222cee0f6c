// Every model and version at a glance: counts by health, then one sortable, filterable row per version.
import { h, fill } from '../dom.js';
import { api } from '../api.js';
import * as format from '../format.js';
import { columns, rowsOf, withAlerts, searchText } from '../overview/columns.js';
import { healthOf, firingCount } from '../health.js';

const FILTERS = [
  { key: '', label: 'All' },
  { key: 'attention', label: 'Needs attention', test: (h) => h === 'critical' || h === 'degraded' || h === 'warning' },
  { key: 'healthy', label: 'Healthy', test: (h) => h === 'healthy' },
  { key: 'quiet', label: 'Idle or new', test: (h) => h === 'idle' || h === 'new' },
];

export function createOverviewPage({ query, setQuery }) {
  const state = {
    sort: query.get('sort') || 'health',
    dir: query.get('dir') === 'desc' ? 'desc' : 'asc',
    q: query.get('q') || '',
    show: query.get('show') || '',
  };
  let rows = [];

  const tiles = h('div', { class: 'tiles' });
  const search = h('input', {
    type: 'search', class: 'search', placeholder: 'Filter by model, version or health', value: state.q, 'aria-label': 'Filter versions',
    oninput: () => { state.q = search.value; setQuery({ q: state.q }); render(); },
  });
  const chips = h('div', { class: 'chips', role: 'group', 'aria-label': 'Show' });
  const table = h('table', { class: 'grid-table', id: 'versions' });
  const footer = h('p', { class: 'muted table-foot' });
  const element = h('section', { class: 'page overview' },
    h('div', { class: 'page-head' }, h('div', null, h('h1', null, 'Models'), h('p', { class: 'muted' }, 'Every model version Monitor has seen, over the last 5 minutes.'))),
    tiles,
    h('div', { class: 'card' }, h('div', { class: 'toolbar' }, search, chips), h('div', { class: 'table-scroll' }, table), footer));

  function render() {
    const needle = state.q.trim().toLowerCase();
    const filter = FILTERS.find((f) => f.key === state.show) ?? FILTERS[0];
    const visible = rows.filter((r) => (!needle || searchText(r).includes(needle)) && (!filter.test || filter.test(healthOf(r))));
    const shown = columns.filter((c) => !c.when || c.when(rows));
    const column = shown.find((c) => c.key === state.sort) ?? shown[0];
    const sign = state.dir === 'desc' ? -1 : 1;
    visible.sort((a, b) => sign * compare(column.sort(a), column.sort(b)) || compare(a.model, b.model) || compare(a.version, b.version));

    fill(chips, FILTERS.map((f) => h('button', {
      type: 'button', class: `chip${f.key === filter.key ? ' active' : ''}`, 'aria-pressed': String(f.key === filter.key),
      onclick: () => { state.show = f.key; setQuery({ show: f.key }); render(); },
    }, f.label, h('span', { class: 'chip-count' }, String(rows.filter((r) => !f.test || f.test(healthOf(r))).length)))));

    fill(table,
      h('thead', null, h('tr', null, shown.map((c) => h('th', {
        scope: 'col', class: c.numeric ? 'num' : null, 'data-column': c.key,
        'aria-sort': c === column ? (state.dir === 'asc' ? 'ascending' : 'descending') : 'none',
      }, h('button', {
        type: 'button', class: 'sort',
        onclick: () => {
          state.dir = state.sort === c.key && state.dir === 'asc' ? 'desc' : 'asc';
          state.sort = c.key;
          setQuery({ sort: state.sort, dir: state.dir });
          render();
        },
      }, c.label, h('span', { class: 'sort-mark', 'aria-hidden': 'true' }, c === column ? (state.dir === 'asc' ? '▲' : '▼') : '')))))),
      h('tbody', null, visible.length
        ? visible.map((r) => h('tr', { 'data-model': r.model, 'data-version': r.version, 'data-health': healthOf(r) },
          shown.map((c) => h('td', { class: c.numeric ? 'num' : null, 'data-column': c.key }, c.cell(r)))))
        : h('tr', null, h('td', { colspan: shown.length, class: 'empty-row' }, rows.length
          ? 'No version matches the filter.'
          : 'No model has sent a record yet. POST telemetry to /v1/predictions, or run the simulator (see the README).'))));
    fill(footer, `${visible.length} of ${rows.length} versions`);
  }

  function renderTiles() {
    const by = (test) => rows.filter((r) => test(healthOf(r))).length;
    const models = new Set(rows.map((r) => r.model)).size;
    const tile = (label, value, cls) => h('div', { class: `tile ${cls ?? ''}` }, h('span', { class: 'tile-label' }, label), h('span', { class: 'tile-value' }, value));
    fill(tiles,
      tile('Models', format.count(models)),
      tile('Versions', format.count(rows.length)),
      tile('Healthy', format.count(by((x) => x === 'healthy')), 'tone-good'),
      tile('Needs attention', format.count(by((x) => x === 'critical' || x === 'degraded' || x === 'warning')), by((x) => x === 'critical' || x === 'degraded' || x === 'warning') ? 'tone-bad' : ''),
      tile('Idle or new', format.count(by((x) => x === 'idle' || x === 'new')), 'tone-quiet'),
      tile('Firing alerts', format.count(rows.reduce((s, r) => s + firingCount(r.alerts), 0)), rows.some((r) => firingCount(r.alerts) > 0) ? 'tone-bad' : ''),
      tile('Requests (5 min)', format.count(rows.reduce((s, r) => s + (r.recent_requests ?? 0), 0))));
  }

  return {
    element,
    title: 'Models',
    async refresh(signal) {
      // Firing alerts come from GET /v1/alerts (one request for every model), counted per version.
      const [listing, alerts] = await Promise.all([api.models(signal), api.alerts(signal)]);
      rows = withAlerts(rowsOf(listing), alerts.alerts);
      renderTiles();
      render();
    },
  };
}

function compare(a, b) {
  if (a === b) return 0;
  if (typeof a === 'string' && typeof b === 'string') return a.localeCompare(b);
  return a < b ? -1 : 1;
}

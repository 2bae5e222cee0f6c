// The version's most recent prediction-log records (GET .../records), newest first, with a search by
// prediction id; a row opens to show the record as logged.
import { h, fill } from '../dom.js';
import * as format from '../format.js';

const LIMIT = 25;

export const recordsSection = {
  id: 'records',
  title: 'Recent records',
  optional: true,
  create() {
    let id = '';
    let refreshNow = null;
    const open = new Set();
    const search = h('input', {
      type: 'search', class: 'search', placeholder: 'Find a prediction id', 'aria-label': 'Prediction id',
      onchange: () => { id = search.value.trim(); refreshNow?.(); },
    });
    const table = h('table', { class: 'grid-table records', id: 'records' });
    const foot = h('p', { class: 'muted table-foot' });
    return {
      element: h('div', { class: 'card' }, h('div', { class: 'toolbar' }, search), h('div', { class: 'table-scroll tall' }, table), foot),
      async refresh(ctx, signal) {
        refreshNow = () => ctx.loader.records({ limit: LIMIT, id: id || undefined }).then(render);
        const answer = await ctx.loader.records({ limit: LIMIT, id: id || undefined }, signal);
        render(answer);
        // Hidden while the version has logged nothing; a search that finds nothing still shows its answer.
        return answer.records.length > 0 || id !== '';
      },
    };

    function render(answer) {
      const records = [...answer.records].reverse();
      fill(table,
        h('thead', null, h('tr', null, ['Time', 'Id', 'Status', 'Prediction', 'Confidence', 'Latency', 'Features'].map((c, i) =>
          h('th', { scope: 'col', class: i >= 4 && i <= 5 ? 'num' : null }, c)))),
        h('tbody', null, records.length ? records.flatMap((r, i) => {
          const key = `${r.timestamp}|${r.id ?? i}`;
          const detail = h('tr', { class: 'record-detail', hidden: !open.has(key) }, h('td', { colspan: 7 }, h('pre', null, JSON.stringify(r, null, 2))));
          const row = h('tr', {
            class: 'record', tabindex: 0, 'data-id': r.id ?? '', 'aria-expanded': String(open.has(key)),
            onclick: toggle, onkeydown: (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); } },
          },
          h('td', { class: 'nowrap' }, format.timestamp(new Date(r.timestamp))),
          h('td', { class: 'mono' }, r.id ?? format.DASH),
          h('td', null, r.status === 'success' ? h('span', { class: 'tag tag-ok' }, 'success') : h('span', { class: 'tag tag-bad' }, r.error ?? 'error')),
          h('td', { class: 'mono' }, r.prediction == null ? format.DASH : String(r.prediction)),
          h('td', { class: 'num' }, format.number(r.confidence)),
          h('td', { class: 'num' }, format.ms(r.latency_ms)),
          h('td', { class: 'features' }, Object.entries(r.features ?? {}).map(([k, v]) => h('span', { class: 'feature' }, h('b', null, k), '=', v === null ? 'null' : String(v)))));
          function toggle() {
            if (open.has(key)) open.delete(key); else open.add(key);
            detail.hidden = !open.has(key);
            row.setAttribute('aria-expanded', String(open.has(key)));
          }
          return [row, detail];
        }) : h('tr', null, h('td', { colspan: 7, class: 'empty-row' }, id ? `No recent record has id ${id}.` : 'No records yet.'))));
      fill(foot, id ? `Records with id ${id}` : `The ${records.length} most recent records, newest first`);
    }
  },
};

// The state of every alert rule that applies to the version (GET .../alerts): firing and pending first, with
// the last value, the samples it was judged on and since when; each rule links to its editor. Hidden when no
// rule applies.
import { h, fill } from '../dom.js';
import * as format from '../format.js';
import { settingsHref } from '../links.js';

const STATE_ORDER = { firing: 0, pending: 1, inactive: 2 };

export const rulesSection = {
  id: 'rules',
  title: 'Alert rules',
  optional: true,
  create() {
    const table = h('table', { class: 'grid-table', id: 'rule-states' });
    const foot = h('p', { class: 'muted table-foot' });
    return {
      element: h('div', { class: 'card' }, h('div', { class: 'table-scroll tall' }, table), foot),
      async refresh(ctx, signal) {
        const answer = await ctx.loader.get('alerts', signal);
        const rules = [...answer.rules].sort((a, b) => (STATE_ORDER[a.state] ?? 3) - (STATE_ORDER[b.state] ?? 3) || format.byLabel(a.rule, b.rule));
        if (rules.length === 0) return false;
        fill(table,
          h('thead', null, h('tr', null, ['Rule', 'State', 'Value', 'Samples', 'Active since', 'Firing since', 'Evaluated', ''].map((c, i) =>
            h('th', { scope: 'col', class: i === 2 || i === 3 ? 'num' : null }, c)))),
          h('tbody', null, rules.map((r) => h('tr', { 'data-rule': r.rule, 'data-state': r.state },
            h('th', { scope: 'row', class: 'strong' }, r.rule),
            h('td', { 'data-field': 'state', 'data-value': r.state },
              h('span', { class: `tag ${r.state === 'firing' ? 'tag-bad' : r.state === 'pending' ? 'tag-warn' : 'tag-quiet'}` }, r.state)),
            h('td', { class: 'num', 'data-field': 'value', 'data-value': r.value ?? '' }, format.number(r.value, 4)),
            h('td', { class: 'num', 'data-field': 'samples', 'data-value': r.samples }, format.count(r.samples)),
            h('td', { class: 'nowrap' }, r.active_at ? format.ago(r.active_at) : format.DASH),
            h('td', { class: 'nowrap' }, r.fired_at ? format.ago(r.fired_at) : format.DASH),
            h('td', { class: 'nowrap' }, r.evaluated_at ? format.ago(r.evaluated_at) : 'not yet'),
            h('td', null, h('a', { href: `${settingsHref('rules')}&rule=${encodeURIComponent(r.rule)}`, class: 'small', 'data-link': 'edit-rule' }, 'Edit'))))));
        const firing = rules.filter((r) => r.state === 'firing').length;
        fill(foot, `${rules.length} rule${rules.length === 1 ? '' : 's'} apply to this version · ${firing} firing · ${rules.filter((r) => r.state === 'pending').length} pending`);
        return true;
      },
    };
  },
};

// Settings: alert rules, channels and routes, each listed and edited in place through the API (an admin key
// when the gateway requires keys). The API validates; its problems are shown under the fields they name.
import { h, fill } from '../dom.js';
import { api } from '../api.js';
import * as format from '../format.js';
import { createDocumentForm } from '../settings/document-form.js';
import { RULE_FIELDS, CHANNEL_FIELDS, ROUTING_FIELDS } from '../settings/document-fields.js';

const TABS = [
  { key: 'rules', label: 'Alert rules' },
  { key: 'channels', label: 'Channels' },
  { key: 'routes', label: 'Routes' },
];

export function createSettingsPage({ query, setQuery }) {
  let tab = TABS.find((t) => t.key === query.get('tab')) ?? TABS[0];
  let wanted = query.get('rule');
  let refreshNow = null;
  const tabButtons = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Settings' });
  const rules = h('table', { class: 'grid-table', id: 'rules' });
  const channels = h('table', { class: 'grid-table', id: 'channels' });
  const actionError = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-action-error': '' });
  const afterSave = () => refreshNow?.();

  const ruleForm = createDocumentForm({
    id: 'rule', title: 'Rule', fields: RULE_FIELDS,
    save: (body, ctx) => (ctx.name ? api.putRule(ctx.name, body) : api.createRule(body)),
    onSaved: afterSave,
  });
  const channelForm = createDocumentForm({
    id: 'channel', title: 'Channel', fields: CHANNEL_FIELDS,
    save: (body, ctx) => (ctx.name ? api.putChannel(ctx.name, body) : api.createChannel(body)),
    onSaved: afterSave,
  });
  const routingForm = createDocumentForm({
    id: 'routing', title: 'Routes and inhibit rules', fields: ROUTING_FIELDS, save: (body) => api.putRouting(body),
    onSaved: () => { routingShown = false; afterSave(); },
  });
  let routingShown = false;

  const panels = {
    rules: h('section', { class: 'section', 'data-section': 'rules' },
      h('div', { class: 'section-head' }, h('h2', null, 'Alert rules'),
        h('button', { type: 'button', class: 'primary-button', 'data-action': 'new-rule', onclick: () => ruleForm.open({ enabled: true, comparator: '>', severity: 'warning' }, { heading: 'New rule' }) }, 'New rule')),
      ruleForm.element,
      h('div', { class: 'card' }, h('div', { class: 'table-scroll tall' }, rules))),
    channels: h('section', { class: 'section', 'data-section': 'channels' },
      h('div', { class: 'section-head' }, h('h2', null, 'Channels'),
        h('button', { type: 'button', class: 'primary-button', 'data-action': 'new-channel', onclick: () => channelForm.open({ kind: 'webhook', send_resolved: true }, { heading: 'New channel' }) }, 'New channel')),
      channelForm.element,
      h('div', { class: 'card' }, h('div', { class: 'table-scroll tall' }, channels))),
    routes: h('section', { class: 'section', 'data-section': 'routes' }, routingForm.element),
  };

  const element = h('section', { class: 'page settings' },
    h('div', { class: 'page-head' },
      h('div', null, h('h1', null, 'Settings'), h('p', { class: 'muted' }, 'Alert rules, notification channels and routes. Changes need an admin key when the gateway requires keys; drift settings are on each version\u2019s page.')),
      tabButtons),
    actionError,
    Object.values(panels));

  function renderTabs() {
    fill(tabButtons, TABS.map((t) => h('button', {
      type: 'button', class: t === tab ? 'active' : null, 'aria-pressed': String(t === tab), 'data-tab': t.key,
      onclick: () => { tab = t; setQuery({ tab: t.key, rule: null }); renderTabs(); refreshNow?.(); },
    }, t.label)));
    for (const [key, panel] of Object.entries(panels)) panel.hidden = key !== tab.key;
  }
  renderTabs();

  async function remove(what, name) {
    actionError.hidden = true;
    try {
      await (what === 'rule' ? api.deleteRule(name) : api.deleteChannel(name));
      await refreshNow?.();
    } catch (e) {
      actionError.textContent = `Could not delete ${what} ${name}: ${e.message}`;
      actionError.hidden = false;
    }
  }

  function renderRules(list) {
    const sorted = [...list].sort((a, b) => format.byLabel(a.name, b.name));
    fill(rules,
      head(['Rule', 'Enabled', 'Condition', 'Window', 'For', 'Severity', 'Applies to', '']),
      h('tbody', null, sorted.map((r) => h('tr', { 'data-rule': r.name },
        h('th', { scope: 'row', class: 'strong' }, r.name, r.builtin ? h('span', { class: 'tag tag-quiet' }, ' built in') : null),
        h('td', null, r.enabled ? 'yes' : h('span', { class: 'muted' }, 'off')),
        h('td', { class: 'mono' }, `${r.metric}${r.feature ? `[${r.feature}]` : ''} ${r.comparator} ${r.threshold}`),
        h('td', null, `${r.window_minutes} min`),
        h('td', null, r.for),
        h('td', null, r.severity),
        h('td', null, r.model ? `${r.model}${r.version ? ` / ${r.version}` : ''}` : 'every version'),
        h('td', { class: 'nowrap' },
          h('button', { type: 'button', class: 'secondary-button small', 'data-action': 'edit', onclick: () => ruleForm.open(r, { heading: `Rule ${r.name}`, fixed: ['name'], name: r.name }) }, 'Edit'),
          ' ',
          r.builtin ? null : h('button', { type: 'button', class: 'secondary-button small danger', 'data-action': 'delete', onclick: () => remove('rule', r.name) }, 'Delete'))))));
    if (wanted) {
      const rule = list.find((r) => r.name === wanted);
      wanted = null;
      if (rule) ruleForm.open(rule, { heading: `Rule ${rule.name}`, fixed: ['name'], name: rule.name });
    }
  }

  function renderChannels(list) {
    const sorted = [...list].sort((a, b) => format.byLabel(a.name, b.name));
    fill(channels,
      head(['Channel', 'Kind', 'Source', 'Secrets set', 'Send resolved', '']),
      h('tbody', null, sorted.map((c) => h('tr', { 'data-channel': c.name },
        h('th', { scope: 'row', class: 'strong' }, c.name),
        h('td', null, c.kind),
        h('td', null, c.source),
        h('td', null, c.secrets?.length ? c.secrets.join(', ') : format.DASH),
        h('td', null, c.send_resolved ? 'yes' : 'no'),
        h('td', { class: 'nowrap' }, c.kind === 'log' ? h('span', { class: 'muted small' }, 'built in') : [
          h('button', { type: 'button', class: 'secondary-button small', 'data-action': 'edit', onclick: () => channelForm.open(c, { heading: `Channel ${c.name}`, fixed: ['name'], name: c.name }) }, 'Edit'),
          ' ',
          h('button', { type: 'button', class: 'secondary-button small danger', 'data-action': 'delete', onclick: () => remove('channel', c.name) }, 'Delete')])))));
  }

  return {
    element,
    title: 'Settings',
    async refresh(signal) {
      const load = async (s) => {
        if (tab.key === 'rules') renderRules((await api.rules(s)).rules);
        else if (tab.key === 'channels') renderChannels((await api.channels(s)).channels);
        else if (!routingShown) {
          // The routing form is filled once per visit: a refresh must not overwrite what is being typed.
          routingForm.open(await api.routing(s), { heading: 'Routes and inhibit rules' });
          routingShown = true;
        }
        element.dataset.refreshed = String(Date.now());
      };
      refreshNow = () => load(undefined);
      await load(signal);
    },
  };
}

const head = (labels) => h('thead', null, h('tr', null, labels.map((l) => h('th', { scope: 'col' }, l))));

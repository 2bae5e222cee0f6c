// Alerts: what fires now (with its labels, severity and since when), silences (create from an alert
// or from scratch, expire), and the recent history of firing, resolving and muting.
import { h, fill } from '../dom.js';
import { api } from '../api.js';
import * as format from '../format.js';
import { versionHref } from '../links.js';
import { createSilenceForm } from '../alerts/silence-form.js';
import { severityTag, labelChips, alertState, stateTag, matcherText, SEVERITY_ORDER } from '../alerts/labels.js';

const HISTORY_LIMIT = 50;

export function createAlertsPage({ query, setQuery }) {
  let filter = query.get('q') || '';
  let showExpired = query.get('expired') === '1';
  let data = { alerts: [], silences: [], events: [] };
  let refreshNow = null;

  const form = createSilenceForm({ onCreated: (silence) => { lastCreated = silence.id; refreshNow?.(); } });
  let lastCreated = null;
  const search = h('input', {
    type: 'search', class: 'search', placeholder: 'Filter by alert, model, version or any label', value: filter, 'aria-label': 'Filter alerts',
    oninput: () => { filter = search.value; setQuery({ q: filter }); render(); },
  });
  const tiles = h('div', { class: 'tiles' });
  const firing = h('table', { class: 'grid-table', id: 'firing' });
  const silences = h('table', { class: 'grid-table', id: 'silences' });
  const history = h('table', { class: 'grid-table', id: 'history' });
  const expiredToggle = h('label', { class: 'check' },
    h('input', { type: 'checkbox', checked: showExpired, onchange: (e) => { showExpired = e.target.checked; setQuery({ expired: showExpired ? '1' : '' }); render(); } }),
    'Show expired');
  const silenceFoot = h('p', { class: 'muted table-foot' });
  const historyFoot = h('p', { class: 'muted table-foot' });

  const element = h('section', { class: 'page alerts' },
    h('div', { class: 'page-head' },
      h('div', null, h('h1', null, 'Alerts'), h('p', { class: 'muted' }, 'Alerts firing now, silences, and what happened recently. Rules are managed through /v1/alerts/rules.')),
      search),
    tiles,
    h('section', { class: 'section', 'data-section': 'firing' }, h('h2', null, 'Firing'), h('div', { class: 'card' }, h('div', { class: 'table-scroll' }, firing))),
    h('section', { class: 'section', 'data-section': 'silences' },
      h('div', { class: 'section-head' }, h('h2', null, 'Silences'),
        h('div', { class: 'inline' }, expiredToggle, h('button', { type: 'button', class: 'primary-button', id: 'new-silence', onclick: () => form.open([]) }, 'New silence'))),
      form.element,
      h('div', { class: 'card' }, h('div', { class: 'table-scroll tall' }, silences), silenceFoot)),
    h('section', { class: 'section', 'data-section': 'history' }, h('h2', null, 'History'),
      h('div', { class: 'card' }, h('div', { class: 'table-scroll tall' }, history), historyFoot)));

  // Every word of the filter must match some label ("fraud", "severity=critical", "model=fraud version=v2").
  const matches = (labels) => filter.trim().toLowerCase().split(/\s+/).filter(Boolean).every((term) =>
    Object.entries(labels ?? {}).some(([k, v]) => (term.includes('=') ? `${k}=${v}`.toLowerCase() === term : `${k}=${v}`.toLowerCase().includes(term))));

  function render() {
    const alerts = data.alerts.filter((a) => matches(a.labels))
      .sort((a, b) => (SEVERITY_ORDER[a.labels.severity] ?? 9) - (SEVERITY_ORDER[b.labels.severity] ?? 9) || a.starts_at.localeCompare(b.starts_at));
    const active = data.silences.filter((s) => s.state !== 'expired');
    const tile = (label, value, cls) => h('div', { class: `tile ${cls ?? ''}` }, h('span', { class: 'tile-label' }, label), h('span', { class: 'tile-value' }, value));
    const count = (state) => data.alerts.filter((a) => alertState(a) === state).length;
    fill(tiles,
      tile('Firing', format.count(count('firing')), count('firing') ? 'tone-bad' : 'tone-good'),
      tile('Silenced', format.count(count('silenced')), 'tone-quiet'),
      tile('Inhibited', format.count(count('inhibited')), 'tone-quiet'),
      tile('Active silences', format.count(active.filter((s) => s.state === 'active').length)),
      tile('Pending silences', format.count(active.filter((s) => s.state === 'pending').length)));

    fill(firing,
      head(['Alert', 'Severity', 'Model / version', 'Labels', 'Since', 'Value', 'State', '']),
      h('tbody', null, alerts.length ? alerts.map(alertRow) : emptyRow(8, data.alerts.length ? 'No firing alert matches the filter.' : 'Nothing is firing.')));

    const needle = filter.trim().toLowerCase();
    const shown = data.silences.filter((s) => (showExpired || s.state !== 'expired')
      && (!needle || matches(Object.fromEntries(s.matchers.map((m) => [m.name, m.value]))) || `${s.created_by} ${s.comment}`.toLowerCase().includes(needle)));
    fill(silences,
      head(['State', 'Matchers', 'Starts', 'Ends', 'Created by', 'Comment', 'Silencing', '']),
      h('tbody', null, shown.length ? shown.map(silenceRow) : emptyRow(8, 'No silences.')));
    fill(silenceFoot, `${shown.length} shown · ${active.length} not expired · expired silences are kept five days`);

    const events = data.events.filter((e) => matches(e.labels));
    fill(history,
      head(['Time', 'Event', 'Alert', 'Model / version', 'Severity', 'Value', 'Summary']),
      h('tbody', null, events.length ? events.map(eventRow) : emptyRow(7, 'No alert events yet.')));
    fill(historyFoot, `The ${events.length} most recent events, newest first`);
  }

  function alertRow(a) {
    const state = alertState(a);
    const { model, version } = a.labels;
    return h('tr', { 'data-fingerprint': a.fingerprint, 'data-state': state, 'data-alertname': a.labels.alertname },
      h('td', null, h('div', { class: 'strong' }, a.labels.alertname), a.annotations?.summary ? h('div', { class: 'muted small wrap' }, a.annotations.summary) : null),
      h('td', null, severityTag(a.labels.severity)),
      h('td', null, model && version ? h('a', { href: versionHref(model, version) }, model, ' / ', h('span', { class: 'mono' }, version)) : format.DASH),
      h('td', { class: 'labels' }, labelChips(a.labels)),
      h('td', { class: 'nowrap', title: format.timestamp(new Date(a.starts_at)), 'data-starts-at': a.starts_at }, format.ago(a.starts_at)),
      h('td', { class: 'num', 'data-value': a.value ?? '' }, format.number(a.value, 4)),
      h('td', null, stateTag(state), state === 'silenced' ? h('div', { class: 'muted small' }, a.status.silenced_by.map((id) => h('span', { class: 'mono' }, shortId(id)))) : null),
      h('td', null, h('button', {
        type: 'button', class: 'secondary-button small', 'data-action': 'silence',
        onclick: () => form.open(Object.entries(a.labels).map(([name, value]) => ({ name, op: '=', value }))),
      }, 'Silence')));
  }

  function silenceRow(s) {
    const silencing = data.alerts.filter((a) => a.status?.silenced_by?.includes(s.id)).length;
    return h('tr', { 'data-silence': s.id, 'data-state': s.state, class: s.id === lastCreated ? 'highlight' : null },
      h('td', null, h('span', { class: `tag ${s.state === 'active' ? 'tag-ok' : s.state === 'pending' ? 'tag-info' : 'tag-quiet'}` }, s.state)),
      h('td', { class: 'labels' }, s.matchers.map((m) => h('span', { class: 'label-chip mono', 'data-matcher': matcherText(m) }, matcherText(m)))),
      h('td', { class: 'nowrap', title: format.timestamp(new Date(s.starts_at)) }, format.timestamp(new Date(s.starts_at))),
      h('td', { class: 'nowrap', title: format.timestamp(new Date(s.ends_at)) }, format.timestamp(new Date(s.ends_at))),
      h('td', null, s.created_by),
      h('td', { class: 'wrap comment' }, s.comment),
      h('td', { class: 'num' }, silencing ? `${silencing} alert${silencing === 1 ? '' : 's'}` : format.DASH),
      h('td', null, s.state === 'expired' ? null : h('button', {
        type: 'button', class: 'secondary-button small danger', 'data-action': 'expire',
        onclick: async (e) => {
          e.target.disabled = true;
          try {
            await api.expireSilence(s.id);
            await refreshNow?.();
          } catch (error) {
            e.target.disabled = false;
            e.target.title = error.message;
          }
        },
      }, 'Expire')));
  }

  function eventRow(e) {
    const { model, version } = e.labels ?? {};
    const tone = e.event === 'firing' ? 'tag-bad' : e.event === 'resolved' ? 'tag-ok' : 'tag-quiet';
    return h('tr', { 'data-event': e.event, 'data-fingerprint': e.fingerprint },
      h('td', { class: 'nowrap', title: format.ago(e.time) }, format.timestamp(new Date(e.time))),
      h('td', null, h('span', { class: `tag ${tone}` }, e.event)),
      h('td', { class: 'strong' }, e.labels?.alertname ?? format.DASH),
      h('td', null, model && version ? h('a', { href: versionHref(model, version) }, model, ' / ', h('span', { class: 'mono' }, version)) : format.DASH),
      h('td', null, e.labels?.severity ? severityTag(e.labels.severity) : format.DASH),
      h('td', { class: 'num' }, format.number(e.value, 4)),
      h('td', { class: 'wrap muted' }, e.summary ?? ''));
  }

  return {
    element,
    title: 'Alerts',
    async refresh(signal) {
      const load = async (s) => {
        const [alerts, silenceList, events] = await Promise.all([api.alerts(s), api.silences(s), api.alertHistory(HISTORY_LIMIT, s)]);
        data = { alerts: alerts.alerts, silences: sortSilences(silenceList.silences), events: events.events };
        element.dataset.refreshed = String(Date.now());
        render();
      };
      refreshNow = () => load(undefined);
      await load(signal);
    },
  };
}

const STATE_ORDER = { active: 0, pending: 1, expired: 2 };

function sortSilences(list) {
  return [...list].sort((a, b) => STATE_ORDER[a.state] - STATE_ORDER[b.state] || b.updated_at.localeCompare(a.updated_at));
}

const shortId = (id) => (id.length > 8 ? id.slice(0, 8) : id);

const head = (labels) => h('thead', null, h('tr', null, labels.map((l) => h('th', { scope: 'col' }, l))));

const emptyRow = (span, text) => h('tr', null, h('td', { colspan: span, class: 'empty-row' }, text));

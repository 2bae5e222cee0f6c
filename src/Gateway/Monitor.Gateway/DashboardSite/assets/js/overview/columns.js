// The overview table's columns. Each says how to show, sort and search a row; a column with `when`
// appears only if some row carries its data (drift verdicts and firing alerts, once the listing has
// them). A new column is one entry here.
import { h } from '../dom.js';
import * as format from '../format.js';
import { versionHref } from '../links.js';
import { healthOf, healthPill, STATUS_ORDER, firingCount, isDrifting } from '../health.js';
import { alertsByVersion } from '../alerts/labels.js';

const numeric = true;

export const columns = [
  {
    key: 'health', label: 'Health',
    sort: (r) => STATUS_ORDER[healthOf(r)],
    cell: (r) => healthPill(healthOf(r), r.line),
  },
  {
    key: 'model', label: 'Model',
    sort: (r) => r.model.toLowerCase(),
    cell: (r) => h('a', { href: versionHref(r.model, r.version), class: 'strong' }, r.model),
  },
  {
    key: 'version', label: 'Version',
    sort: (r) => r.version.toLowerCase(),
    cell: (r) => h('a', { href: versionHref(r.model, r.version), class: 'mono' }, r.version),
  },
  {
    key: 'recent_requests', label: 'Requests (5 min)', numeric,
    sort: (r) => r.recent_requests ?? 0,
    cell: (r) => format.count(r.recent_requests),
  },
  {
    key: 'success_rate', label: 'Success', numeric,
    sort: (r) => r.success_rate ?? -1,
    cell: (r) => h('span', { class: r.success_rate != null && r.success_rate < 95 ? 'bad' : null }, format.percent(r.success_rate, 2)),
  },
  {
    key: 'p95_latency_ms', label: 'p95 latency', numeric,
    sort: (r) => r.p95_latency_ms ?? -1,
    cell: (r) => format.ms(r.p95_latency_ms),
  },
  {
    key: 'drift', label: 'Drift',
    when: (rows) => rows.some((r) => r.drift != null),
    sort: (r) => (r.drift == null ? 3 : isDrifting(r.drift) ? -(r.drift.features_drifted ?? 1) : r.drift.status === 'insufficient_data' ? 2 : 1),
    cell: (r) => driftCell(r.drift),
  },
  {
    key: 'alerts', label: 'Alerts', numeric,
    when: (rows) => rows.some((r) => r.alerts != null),
    sort: (r) => -(firingCount(r.alerts) * 1000 + (r.alerts?.muted ?? 0)),
    cell: (r) => alertsCell(r),
  },
  {
    key: 'last_seen', label: 'Last record',
    sort: (r) => (r.last_seen ? -new Date(r.last_seen).getTime() : Infinity),
    cell: (r) => h('span', { title: r.last_seen ? format.timestamp(new Date(r.last_seen)) : null }, format.ago(r.last_seen)),
  },
  {
    key: 'total_records', label: 'Records', numeric,
    sort: (r) => r.total_records ?? 0,
    cell: (r) => format.count(r.total_records),
  },
];

// GET /v1/models carries each version's latest drift verdict; versions without a reference have none.
function driftCell(drift) {
  if (drift == null) return h('span', { class: 'muted', title: 'No reference to compare with', 'data-drift': 'none' }, format.DASH);
  // No feature could be judged yet: that is no verdict, not "stable".
  if (drift.status === 'insufficient_data') {
    return h('span', {
      class: 'tag tag-quiet', 'data-drift': 'insufficient_data',
      title: 'Too few records in the window for the minimum sample: no drift verdict yet',
    }, 'insufficient data');
  }
  const drifted = isDrifting(drift);
  const of = drift.features_tested != null ? ` ${drift.features_drifted}/${drift.features_tested}` : '';
  return h('span', {
    class: `tag ${drifted ? 'tag-warn' : 'tag-ok'}`, 'data-drift': drifted ? 'drift' : 'stable',
    title: drift.evaluated_at ? `Evaluated ${format.ago(drift.evaluated_at)}; features drifted / tested` : null,
  }, drifted ? `drift${of}` : 'stable');
}

function alertsCell(r) {
  const firing = firingCount(r.alerts);
  const muted = r.alerts?.muted ?? 0;
  if (!firing && !muted) return h('span', { 'data-firing': 0 }, format.DASH);
  return h('a', { href: `#/alerts?q=${encodeURIComponent(`model=${r.model} version=${r.version}`)}`, class: 'alerts-link', 'data-firing': firing, 'data-muted': muted },
    firing ? h('span', { class: 'tag tag-bad' }, `${firing} firing`) : null,
    muted ? h('span', { class: 'tag tag-quiet', title: 'silenced or inhibited' }, `${muted} muted`) : null);
}

/** One row per version, from GET /v1/models. */
export function rowsOf(listing) {
  return (listing?.models ?? []).flatMap((m) => m.versions.map((v) => ({ model: m.model, ...v })));
}

export const searchText = (r) => `${r.model} ${r.version} ${healthOf(r)} ${r.status}`.toLowerCase();

/** Adds each version's firing alerts ({ firing, muted }) from GET /v1/alerts. */
export function withAlerts(rows, alerts) {
  const counts = alertsByVersion(alerts);
  return rows.map((r) => ({ ...r, alerts: counts.get(`${r.model}/${r.version}`) ?? { firing: 0, muted: 0 } }));
}

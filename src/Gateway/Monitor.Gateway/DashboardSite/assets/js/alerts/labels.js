// How alerts and silences look everywhere in the dashboard: severity tags, label chips, an alert's
// state (firing, silenced, inhibited), and firing alerts counted per model version.
import { h } from '../dom.js';

/** Labels Monitor sets itself; shown as columns, not as chips. */
export const OWN_LABELS = ['alertname', 'model', 'version', 'severity'];

export const SEVERITY_ORDER = { critical: 0, warning: 1, info: 2 };

export function severityTag(severity) {
  const tone = severity === 'critical' ? 'tag-bad' : severity === 'warning' ? 'tag-warn' : 'tag-info';
  return h('span', { class: `tag ${tone}`, 'data-severity': severity ?? '' }, severity ?? 'none');
}

export function labelChips(labels, omit = OWN_LABELS) {
  return Object.entries(labels ?? {})
    .filter(([name]) => !omit.includes(name))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => h('span', { class: 'label-chip', 'data-label': name }, h('b', null, name), '=', value));
}

/** "firing", "silenced" or "inhibited", from an alert of GET /v1/alerts. */
export function alertState(alert) {
  if (alert.status?.state !== 'suppressed') return 'firing';
  return alert.status.silenced_by?.length ? 'silenced' : 'inhibited';
}

export function stateTag(state) {
  const tone = state === 'firing' ? 'tag-bad' : 'tag-quiet';
  return h('span', { class: `tag ${tone}`, 'data-state': state }, state);
}

export const matcherText = (m) => `${m.name}${m.op}"${m.value}"`;

/** Firing alerts per "model/version": { firing, muted }: firing counts the alerts not silenced or inhibited. */
export function alertsByVersion(alerts) {
  const counts = new Map();
  for (const alert of alerts ?? []) {
    const { model, version } = alert.labels ?? {};
    if (!model || !version) continue;
    const key = `${model}/${version}`;
    const entry = counts.get(key) ?? { firing: 0, muted: 0 };
    if (alertState(alert) === 'firing') entry.firing++; else entry.muted++;
    counts.set(key, entry);
  }
  return counts;
}

// One health colour per version, from its status line and whatever else the listing carries
// (a drift verdict or firing alerts, once the API reports them).
import { h } from './dom.js';

export const STATUS_ORDER = { critical: 0, degraded: 1, warning: 2, healthy: 3, idle: 4, new: 5 };

const LABELS = { critical: 'Alerting', degraded: 'Degraded', warning: 'Drifting', healthy: 'Healthy', idle: 'Idle', new: 'New' };

export function firingCount(alerts) {
  if (Array.isArray(alerts)) return alerts.length;
  if (typeof alerts === 'number') return alerts;
  if (alerts && typeof alerts === 'object') return Number(alerts.firing ?? alerts.count ?? 0);
  return 0;
}

export function isDrifting(drift) {
  if (drift === true) return true;
  if (typeof drift === 'string') return /drift/i.test(drift) && !/no[ _-]?drift/i.test(drift);
  if (drift && typeof drift === 'object') return Boolean(drift.drifted ?? drift.dataset_drift ?? drift.drift);
  return false;
}

export function healthOf(row) {
  if (firingCount(row.alerts) > 0) return 'critical';
  if (row.status === 'degraded') return 'degraded';
  if (isDrifting(row.drift)) return 'warning';
  return STATUS_ORDER[row.status] !== undefined ? row.status : 'idle';
}

export function healthPill(health, title) {
  return h('span', { class: `pill health-${health}`, title, 'data-health': health }, h('i', { class: 'dot' }), LABELS[health] ?? health);
}

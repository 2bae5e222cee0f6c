// The version's segments (GET .../segments): one row per segment, most severe first, each a link that
// filters the page to it, with its realized and estimated accuracy once labels join. Hidden while the version
// declares no segment keys.
import { h, fill } from '../dom.js';
import * as format from '../format.js';

const TONES = { 3: 'health-warning', 2: 'health-degraded', 1: 'health-idle', 0: 'health-healthy' };
const STATUS = {
  drifted: 'Drifted', failing: 'Failing', insufficient_data: 'Too few records', capturing_reference: 'Capturing reference', ok: 'Healthy', no_reference: 'No reference',
};

export const segmentsSection = {
  id: 'segments',
  title: 'Segments',
  optional: true,
  create({ model, version }) {
    const body = h('tbody');
    const note = h('p', { class: 'muted small' });
    const table = h('table', { class: 'data-table segment-table' },
      h('thead', null, h('tr', null, ['Segment', 'Health', 'Requests', 'Share', 'Success rate', 'p95 latency', 'Accuracy', 'Est. accuracy', 'Drift', 'Reference'].map((t) => h('th', { scope: 'col' }, t)))),
      body);
    return {
      element: h('div', null, note, h('div', { class: 'card' }, h('div', { class: 'table-scroll' }, table))),
      async refresh(ctx, signal) {
        const listing = await ctx.loader.get(`segments?minutes=${ctx.range.minutes}`, signal);
        if (listing.settings.keys.length === 0) return false;
        fill(note, `Keys ${listing.settings.keys.join(', ')}: the top ${listing.settings.top_k} values of each by traffic, and "other". Most severe first.`);
        fill(body, listing.segments.map((s) => {
          const href = `#/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}?segment=${encodeURIComponent(s.segment)}`;
          return h('tr', { 'data-segment': s.segment, 'data-severity': s.severity, class: s.segment === ctx.segment ? 'selected' : null },
            h('td', null, h('a', { href, class: 'mono', 'data-link': 'segment' }, s.segment)),
            h('td', null, h('span', { class: `pill ${TONES[s.severity] ?? 'health-idle'}`, 'data-status': s.status }, h('i', { class: 'dot' }), STATUS[s.status] ?? s.status)),
            h('td', { class: 'num' }, format.count(s.total_requests)),
            h('td', { class: 'num' }, format.percent(s.traffic_share)),
            h('td', { class: 'num' }, format.percent(s.success_rate, 2)),
            h('td', { class: 'num' }, format.ms(s.p95_latency_ms)),
            h('td', { class: 'num', 'data-segment-figure': 'accuracy', title: `${s.labels ?? 0} labels` }, format.share(s.accuracy)),
            h('td', { class: 'num', 'data-segment-figure': 'estimated_accuracy' }, format.share(s.estimated_accuracy)),
            h('td', null, s.drift ? (s.drift.drifted === null ? 'no verdict' : `${s.drift.features_drifted} / ${s.drift.features_tested} drifting`) : format.DASH),
            h('td', null, s.reference_source ?? format.DASH));
        }));
        return true;
      },
    };
  },
};

// The version's headline figures over the chosen period (GET .../summary).
import { h, fill } from '../dom.js';
import * as format from '../format.js';

export const summarySection = {
  id: 'summary',
  title: 'Summary',
  create() {
    const tiles = h('div', { class: 'tiles tiles-dense' });
    const note = h('p', { class: 'muted small' });
    return {
      element: h('div', null, tiles, note),
      async refresh(ctx, signal) {
        // Filtered to a segment, the segment's figures (its confidence fields are flat).
        const s = ctx.segment ? await ctx.loader.segmentSummary(signal) : await ctx.loader.summary(signal);
        const tile = (key, label, value, cls) => h('div', { class: `tile ${cls ?? ''}`, 'data-figure': key },
          h('span', { class: 'tile-label' }, label), h('span', { class: 'tile-value' }, value));
        fill(tiles,
          tile('total_requests', 'Requests', format.count(s.total_requests)),
          tile('throughput', 'Throughput', format.perSecond(s.throughput_per_second)),
          tile('success_rate', 'Success rate', format.percent(s.success_rate, 2), s.success_rate != null && s.success_rate < 95 ? 'tone-bad' : ''),
          tile('error_count', 'Errors', format.count(s.error_count), s.error_count > 0 ? 'tone-warn' : ''),
          tile('avg_latency_ms', 'Mean latency', format.ms(s.avg_latency_ms)),
          tile('p50_latency_ms', 'p50 latency', format.ms(s.p50_latency_ms)),
          tile('p95_latency_ms', 'p95 latency', format.ms(s.p95_latency_ms)),
          tile('p99_latency_ms', 'p99 latency', format.ms(s.p99_latency_ms)),
          tile('max_latency_ms', 'Max latency', format.ms(s.max_latency_ms)),
          tile('confidence_mean', 'Mean confidence', format.number(s.confidence?.mean ?? s.mean_confidence)),
          tile('low_confidence', `Confidence < ${s.confidence?.low_threshold ?? 0.5}`, format.share(s.confidence?.low_share ?? s.low_confidence_share)));
        const method = s.percentiles?.method === 'sketch'
          ? `Percentiles from a sketch (relative error ≤ ${(s.percentiles.relative_error * 100).toFixed(1)}%).`
          : 'Percentiles exact (numpy linear).';
        fill(note, `${format.timestamp(new Date(s.from))} – ${format.timestamp(new Date(Math.min(Date.now(), new Date(s.to).getTime())))}. ${method}`);
      },
    };
  },
};

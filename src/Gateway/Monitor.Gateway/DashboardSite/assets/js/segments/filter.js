// The version page's segment filter: "All traffic" or one segment of GET .../segments. A chosen segment
// filters the summary and the drift report; the other sections show the whole version, as the note says.
import { h, fill } from '../dom.js';

export function createSegmentFilter({ selected, choose }) {
  const select = h('select', {
    class: 'input segment-filter', 'aria-label': 'Segment', 'data-control': 'segment',
    onchange: () => choose(select.value || null),
  });
  const label = h('label', { class: 'inline segment-filter-label', hidden: true }, h('span', { class: 'muted' }, 'Segment'), select);
  const note = h('p', { class: 'muted small segment-note', hidden: true, 'data-segment-note': '' });
  return {
    element: label,
    note,
    async refresh(ctx, signal) {
      const current = selected();
      let listing;
      try {
        listing = await ctx.loader.get(`segments?minutes=${ctx.range.minutes}`, signal);
      } catch (error) {
        // A version Monitor has not seen has no segments: the filter stays hidden, the page says the rest.
        if (error.name === 'AbortError') throw error;
        label.hidden = !current;
        return;
      }
      const names = listing.segments.map((s) => s.segment);
      if (current && !names.includes(current)) names.unshift(current);
      label.hidden = listing.settings.keys.length === 0 && !current;
      fill(select, h('option', { value: '' }, 'All traffic'),
        names.map((name) => h('option', { value: name, selected: name === current }, name)));
      select.value = current ?? '';
      note.hidden = !current;
      fill(note, current ? `Filtered to segment ${current}: the summary and the drift report are this segment's; the other sections show the whole version.` : null);
    },
  };
}

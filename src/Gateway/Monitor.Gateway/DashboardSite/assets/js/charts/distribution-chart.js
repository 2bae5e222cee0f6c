// A feature's reference and current-window distributions drawn one over the other: grouped bars of shares
// (histogram bins or categories) or the two ECDFs as step lines. Shares, not counts: the samples' sizes differ.
import { h, svg } from '../dom.js';
import { createFrame, emptyPlot, WIDTH, HEIGHT, MARGIN } from './chart-frame.js';
import { niceTicks, linear } from './scale.js';
import * as format from '../format.js';

export const SAMPLES = [
  { key: 'reference', label: 'reference', cls: 's0' },
  { key: 'current', label: 'current window', cls: 's1' },
];

export function createDistributionChart({ id, title, description }) {
  const frame = createFrame({ id, title, description });
  const left = MARGIN.left;
  const right = WIDTH - MARGIN.right;
  const bottom = HEIGHT - MARGIN.bottom;

  /** groups: [{ key, label, reference, current, counts: { reference, current } }], shares in [0, 1]. */
  function bars(groups, { kind = 'bins', emptyMessage = 'Nothing to compare' } = {}) {
    frame.legend(SAMPLES);
    frame.table([{ key: kind, label: kind === 'bins' ? 'Bin' : 'Category' }, ...SAMPLES.map((s) => ({ key: s.key, label: `${s.label} share` }))],
      groups.map((g) => h('tr', { 'data-key': g.key },
        h('th', { scope: 'row' }, g.label),
        SAMPLES.map((s) => h('td', { 'data-series': s.key, 'data-value': g[s.key], 'data-count': g.counts[s.key] },
          `${format.share(g[s.key])} (${format.count(g.counts[s.key])})`)))));
    const max = Math.max(0, ...groups.flatMap((g) => [g.reference, g.current]));
    if (groups.length === 0 || max === 0) {
      frame.draw(emptyPlot(emptyMessage));
      return;
    }

    const ticks = niceTicks(max);
    const y = linear(0, ticks[ticks.length - 1], bottom, MARGIN.top);
    const slot = (right - left) / groups.length;
    const width = Math.max(0.5, (slot * 0.8) / SAMPLES.length);
    const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'plot', role: 'img', 'aria-label': title, 'data-points': groups.length, 'data-kind': kind });
    axis(root, ticks, y, format.share);
    SAMPLES.forEach((s, k) => {
      const group = svg('g', { class: `bars ${s.cls}`, 'data-series': s.key });
      groups.forEach((g, i) => {
        const x = left + slot * i + slot * 0.1 + width * k;
        group.append(svg('rect', { x, y: y(g[s.key]), width, height: Math.max(g[s.key] > 0 ? 0.5 : 0, y(0) - y(g[s.key])), 'data-key': g.key }));
      });
      root.append(group);
    });
    const every = Math.ceil(groups.length / 8);
    groups.forEach((g, i) => {
      if (i % every === 0) root.append(svg('text', { class: 'axis-label', x: left + slot * (i + 0.5), y: HEIGHT - 8, 'text-anchor': 'middle' }, truncate(g.label, 14)));
    });
    frame.draw(root, (x) => {
      const i = Math.floor((x - left) / slot);
      if (i < 0 || i >= groups.length) return null;
      const g = groups[i];
      return { x: left + slot * (i + 0.5), content: [h('div', { class: 'tip-time' }, g.label), rows(SAMPLES.map((s) => [s, `${format.share(g[s.key])} (${format.count(g.counts[s.key])})`]))] };
    });
  }

  /** ecdf: { reference: { x, p }, current: { x, p } }: step points, p the share at or below x. */
  function steps(ecdf, { emptyMessage = 'Nothing to compare' } = {}) {
    frame.legend(SAMPLES);
    frame.table([{ key: 'sample', label: 'Sample' }, { key: 'x', label: 'Value' }, { key: 'p', label: 'Share at or below' }],
      SAMPLES.flatMap((s) => ecdf[s.key].x.map((x, i) => h('tr', { 'data-series': s.key },
        h('th', { scope: 'row' }, s.label), h('td', { 'data-value': x }, format.number(x, 4)), h('td', { 'data-value': ecdf[s.key].p[i] }, format.share(ecdf[s.key].p[i]))))));
    const all = SAMPLES.flatMap((s) => ecdf[s.key].x);
    if (all.length === 0) {
      frame.draw(emptyPlot(emptyMessage));
      return;
    }

    const lo = Math.min(...all);
    const hi = Math.max(...all);
    const pad = hi > lo ? 0 : 0.5;
    const xOf = linear(lo - pad, hi + pad, left, right);
    const y = linear(0, 1, bottom, MARGIN.top);
    const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'plot', role: 'img', 'aria-label': title, 'data-kind': 'ecdf' });
    axis(root, [0, 0.25, 0.5, 0.75, 1], y, format.share);
    for (const v of [lo, (lo + hi) / 2, hi]) {
      root.append(svg('text', { class: 'axis-label', x: xOf(v), y: HEIGHT - 8, 'text-anchor': 'middle' }, format.number(v, 3)));
    }
    for (const s of SAMPLES) {
      const { x, p } = ecdf[s.key];
      if (x.length === 0) continue;
      // A step function: flat at the previous share up to each value, then up to its share.
      let d = `M${xOf(lo - pad)},${y(0)}`;
      x.forEach((v, i) => { d += `H${xOf(v)}V${y(p[i])}`; });
      d += `H${xOf(hi + pad)}`;
      root.append(svg('path', { class: `line ${s.cls}`, d, 'data-series': s.key, 'data-count': x.length }));
    }
    frame.draw(root, (px) => {
      if (px < left || px > right) return null;
      const value = lo - pad + ((px - left) / (right - left)) * (hi - lo + 2 * pad);
      const at = (s) => {
        const { x, p } = ecdf[s.key];
        let share = 0;
        for (let i = 0; i < x.length && x[i] <= value; i++) share = p[i];
        return format.share(share);
      };
      return { x: px, content: [h('div', { class: 'tip-time' }, `at or below ${format.number(value, 4)}`), rows(SAMPLES.map((s) => [s, at(s)]))] };
    });
  }

  function axis(root, ticks, y, label) {
    for (const tick of ticks) {
      root.append(
        svg('line', { class: 'grid', x1: left, x2: right, y1: y(tick), y2: y(tick) }),
        svg('text', { class: 'axis-label', x: left - 8, y: y(tick) + 4, 'text-anchor': 'end' }, label(tick)));
    }
  }

  return { element: frame.element, bars, steps };
}

const rows = (items) => items.map(([s, text]) => h('div', { class: 'tip-row' }, h('i', { class: `swatch ${s.cls}` }), h('span', null, s.label), h('b', null, text)));

const truncate = (text, n) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

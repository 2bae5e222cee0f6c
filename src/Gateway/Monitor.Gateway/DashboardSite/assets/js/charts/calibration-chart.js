// A reliability diagram: per confidence bin, the mean confidence (x) against the realized accuracy (y),
// with the diagonal that perfectly calibrated confidences would lie on. Dot areas follow the bins' counts.
import { h, svg } from '../dom.js';
import { createFrame, emptyPlot, WIDTH, HEIGHT, MARGIN } from './chart-frame.js';
import { linear } from './scale.js';
import * as format from '../format.js';

export function createCalibrationChart({ id, title, description }) {
  const frame = createFrame({ id, title, description });

  /** bins: [{ lower, upper, count, mean_confidence, accuracy }] */
  function update(bins) {
    frame.legend([{ cls: 's0', label: 'labelled predictions' }, { cls: 'diagonal-swatch', label: 'calibrated' }]);
    frame.table(
      [{ key: 'bin', label: 'Confidence bin' }, { key: 'count', label: 'Labelled' }, { key: 'mean_confidence', label: 'Mean confidence' }, { key: 'accuracy', label: 'Accuracy' }],
      bins.map((b) => h('tr', { 'data-bin': b.lower },
        h('th', { scope: 'row' }, `${format.number(b.lower, 2)}–${format.number(b.upper, 2)}`),
        h('td', { 'data-series': 'count', 'data-value': b.count }, format.count(b.count)),
        h('td', { 'data-series': 'mean_confidence', 'data-value': b.mean_confidence }, format.number(b.mean_confidence, 3)),
        h('td', { 'data-series': 'accuracy', 'data-value': b.accuracy }, format.number(b.accuracy, 3)))));
    const used = bins.filter((b) => b.count > 0);
    if (used.length === 0) {
      frame.draw(emptyPlot('No labelled prediction with a confidence'));
      return;
    }

    // A square plot area on the right of the frame's axis margin, so the diagonal is at 45 degrees.
    const side = HEIGHT - MARGIN.top - MARGIN.bottom;
    const left = MARGIN.left;
    const x = linear(0, 1, left, left + side);
    const y = linear(0, 1, HEIGHT - MARGIN.bottom, MARGIN.top);
    const most = Math.max(...used.map((b) => b.count));
    const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'plot', role: 'img', 'aria-label': title, 'data-points': used.length });
    for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
      root.append(
        svg('line', { class: 'grid', x1: left, x2: left + side, y1: y(tick), y2: y(tick) }),
        svg('text', { class: 'axis-label', x: left - 8, y: y(tick) + 4, 'text-anchor': 'end' }, String(tick)),
        svg('text', { class: 'axis-label', x: x(tick), y: HEIGHT - 8, 'text-anchor': 'middle' }, String(tick)));
    }
    root.append(svg('line', { class: 'diagonal', x1: x(0), y1: y(0), x2: x(1), y2: y(1) }));
    root.append(svg('path', { class: 'line s0', d: used.map((b, i) => `${i ? 'L' : 'M'}${x(b.mean_confidence).toFixed(1)},${y(b.accuracy).toFixed(1)}`).join('') }));
    for (const b of used) {
      root.append(svg('circle', { class: 'dot s0', cx: x(b.mean_confidence), cy: y(b.accuracy), r: 2.5 + 5 * Math.sqrt(b.count / most) }));
    }
    root.append(svg('text', { class: 'axis-label', x: left + side + 16, y: MARGIN.top + 12 }, 'x: mean confidence'),
      svg('text', { class: 'axis-label', x: left + side + 16, y: MARGIN.top + 28 }, 'y: realized accuracy'));

    frame.draw(root, (px) => {
      const c = (px - left) / side;
      if (c < 0 || c > 1) return null;
      const nearest = used.reduce((best, b) => (Math.abs(b.mean_confidence - c) < Math.abs(best.mean_confidence - c) ? b : best));
      return {
        x: x(nearest.mean_confidence),
        content: [h('div', { class: 'tip-time' }, `Confidence ${format.number(nearest.lower, 2)}–${format.number(nearest.upper, 2)}`),
          h('div', { class: 'tip-row' }, h('span', null, 'labelled'), h('b', null, format.count(nearest.count))),
          h('div', { class: 'tip-row' }, h('span', null, 'mean confidence'), h('b', null, format.number(nearest.mean_confidence, 3))),
          h('div', { class: 'tip-row' }, h('span', null, 'accuracy'), h('b', null, format.number(nearest.accuracy, 3)))],
      };
    });
  }

  return { element: frame.element, update };
}

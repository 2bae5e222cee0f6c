// Bars over categories (confidence bins, predicted classes), with the same frame as the time charts.
import { h, svg } from '../dom.js';
import { createFrame, emptyPlot, WIDTH, HEIGHT, MARGIN } from './chart-frame.js';
import { niceTicks, linear } from './scale.js';
import * as format from '../format.js';

export function createCategoryChart({ id, title, description, cls = 's0', valueLabel = 'Count', emptyMessage = 'No data in this period' }) {
  const frame = createFrame({ id, title, description });

  /** items: [{ key, label, value }] */
  function update(items) {
    frame.legend([{ cls, label: valueLabel }]);
    frame.table([{ key: 'category', label: 'Category' }, { key: 'value', label: valueLabel }],
      items.map((item) => h('tr', { 'data-category': item.key },
        h('th', { scope: 'row' }, item.label),
        h('td', { 'data-series': 'value', 'data-value': item.value }, format.count(item.value)))));

    const max = Math.max(0, ...items.map((i) => i.value));
    if (items.length === 0 || max === 0) {
      frame.draw(emptyPlot(emptyMessage));
      return;
    }

    const ticks = niceTicks(max);
    const y = linear(0, ticks[ticks.length - 1], HEIGHT - MARGIN.bottom, MARGIN.top);
    const left = MARGIN.left;
    const slot = (WIDTH - MARGIN.right - left) / items.length;
    const width = Math.max(1, slot * 0.72);
    const root = svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'plot', role: 'img', 'aria-label': title, 'data-points': items.length });
    for (const tick of ticks) {
      root.append(
        svg('line', { class: 'grid', x1: left, x2: WIDTH - MARGIN.right, y1: y(tick), y2: y(tick) }),
        svg('text', { class: 'axis-label', x: left - 8, y: y(tick) + 4, 'text-anchor': 'end' }, format.count(tick)));
    }
    const every = Math.ceil(items.length / 10);
    const group = svg('g', { class: `bars ${cls}` });
    items.forEach((item, i) => {
      const x = left + slot * i + (slot - width) / 2;
      group.append(svg('rect', { x, y: y(item.value), width, height: Math.max(item.value > 0 ? 0.5 : 0, y(0) - y(item.value)), 'data-category': item.key }));
      if (i % every === 0) {
        root.append(svg('text', { class: 'axis-label', x: x + width / 2, y: HEIGHT - 8, 'text-anchor': 'middle' }, truncate(item.label, 12)));
      }
    });
    root.append(group);

    frame.draw(root, (x) => {
      const i = Math.floor((x - left) / slot);
      if (i < 0 || i >= items.length) return null;
      return {
        x: left + slot * (i + 0.5),
        content: [h('div', { class: 'tip-time' }, items[i].label), h('div', { class: 'tip-row' }, h('i', { class: `swatch ${cls}` }), h('span', null, valueLabel), h('b', null, format.count(items[i].value)))],
      };
    });
  }

  return { element: frame.element, update };
}

const truncate = (text, n) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

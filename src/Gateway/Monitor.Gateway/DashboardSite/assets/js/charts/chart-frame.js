// The frame every chart shares: title, legend, the SVG plot with a hover read-out, and a data table
// behind it (the exact numbers drawn, for people who want them and for tests that check them).
import { h, svg, fill } from '../dom.js';

export const WIDTH = 640;
export const HEIGHT = 220;
export const MARGIN = { top: 12, right: 14, bottom: 26, left: 52 };

export function createFrame({ id, title, description }) {
  const legend = h('div', { class: 'legend' });
  const plot = h('div', { class: 'chart-plot' });
  const tip = h('div', { class: 'chart-tip', hidden: true, role: 'status' });
  const table = h('table', { class: 'data-table', 'data-chart-table': id });
  const details = h('details', { class: 'chart-data' }, h('summary', null, 'Data'), h('div', { class: 'table-scroll' }, table));
  const element = h('figure', { class: 'chart', 'data-chart': id },
    h('figcaption', null, h('div', { class: 'chart-title' }, h('h3', null, title), description ? h('p', { class: 'chart-note' }, description) : null), legend),
    h('div', { class: 'chart-body' }, plot, tip),
    details);

  return {
    element,
    /** Installs a new SVG; `readout(x)` returns {x, html} for the hover guide, or null. */
    draw(root, readout) {
      fill(plot, root);
      tip.hidden = true;
      if (!readout) return;
      const guide = svg('line', { class: 'guide', y1: MARGIN.top, y2: HEIGHT - MARGIN.bottom, visibility: 'hidden' });
      root.append(guide);
      root.addEventListener('pointermove', (event) => {
        const box = root.getBoundingClientRect();
        const x = ((event.clientX - box.left) / box.width) * WIDTH;
        const read = readout(x);
        if (!read) return hide();
        guide.setAttribute('x1', read.x);
        guide.setAttribute('x2', read.x);
        guide.setAttribute('visibility', 'visible');
        fill(tip, ...read.content);
        tip.hidden = false;
        const left = (read.x / WIDTH) * box.width;
        tip.style.left = `${Math.min(Math.max(left + 12, 0), box.width - tip.offsetWidth - 4)}px`;
      });
      root.addEventListener('pointerleave', hide);
      function hide() {
        guide.setAttribute('visibility', 'hidden');
        tip.hidden = true;
      }
    },
    legend(items) {
      fill(legend, items.map((item) => h('span', { class: 'legend-item' }, h('i', { class: `swatch ${item.cls}` }), item.label)));
    },
    table(head, rows) {
      fill(table,
        h('thead', null, h('tr', null, head.map((cell) => h('th', { scope: 'col', 'data-series': cell.key }, cell.label)))),
        h('tbody', null, rows));
    },
  };
}

export function emptyPlot(message) {
  return svg('svg', { viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'plot', role: 'img', 'aria-label': message },
    svg('text', { x: WIDTH / 2, y: HEIGHT / 2, class: 'empty-text', 'text-anchor': 'middle' }, message));
}

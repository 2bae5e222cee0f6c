// A time-series chart: lines, a filled area, or stacked bars, over evenly spaced time steps.
// update() takes the times and one array of values per series (null where there is no value).
import { h, svg } from '../dom.js';
import { createFrame, emptyPlot, WIDTH, HEIGHT, MARGIN } from './chart-frame.js';
import { niceTicks, linear, indexTicks } from './scale.js';
import * as format from '../format.js';

// scale 'log' draws positive values (p-values) on a log axis from 1 down; `guide` draws a dashed
// horizontal line at a threshold (alpha); `changes` (change points of GET .../timeseries?change_points=true)
// draw a vertical marker at the step where each level shift starts.
export function createTimeChart({ id, title, description, kind = 'line', scale = 'linear', guide = null, valueFormat = format.number, emptyMessage = 'No data in this period' }) {
  const frame = createFrame({ id, title, description });

  function update({ times, series, stepSeconds, guide: line = guide, changes = [] }) {
    const n = times.length;
    const stacked = kind === 'stacked';
    frame.legend(series.map((s) => ({ cls: s.cls, label: s.label })));
    frame.table(
      [{ key: 'time', label: 'Time' }, ...series.map((s) => ({ key: s.key, label: s.label }))],
      times.map((t, i) => h('tr', { 'data-time': t.toISOString() },
        h('th', { scope: 'row' }, format.timeSeconds(t)),
        series.map((s) => h('td', { 'data-series': s.key, 'data-value': s.values[i] ?? '' }, s.values[i] == null ? format.DASH : valueFormat(s.values[i]))))));

    const totals = times.map((_, i) => (stacked
      ? series.reduce((sum, s) => sum + (s.values[i] ?? 0), 0)
      : Math.max(0, ...series.map((s) => s.values[i] ?? 0))));
    const max = Math.max(0, ...totals);
    if (n === 0 || series.length === 0 || (max === 0 && series.every((s) => s.values.every((v) => v == null)))) {
      frame.draw(emptyPlot(emptyMessage));
      return;
    }

    const log = scale === 'log' && !stacked;
    const axis = log ? logAxis(series, line) : linearAxis(max);
    const plotLeft = MARGIN.left;
    const plotRight = WIDTH - MARGIN.right;
    const slot = (plotRight - plotLeft) / Math.max(1, stacked ? n : n - 1);
    const xOf = stacked ? (i) => plotLeft + slot * (i + 0.5) : (i) => (n === 1 ? (plotLeft + plotRight) / 2 : plotLeft + slot * i);
    const toAxis = linear(axis.min, axis.max, HEIGHT - MARGIN.bottom, MARGIN.top);
    const y = log ? (v) => toAxis(Math.log10(Math.max(v, LOG_FLOOR))) : toAxis;

    const root = svg('svg', {
      viewBox: `0 0 ${WIDTH} ${HEIGHT}`, class: 'plot', role: 'img', 'aria-label': title,
      'data-points': n, 'data-step': stepSeconds,
    });
    for (const tick of axis.ticks) {
      root.append(
        svg('line', { class: 'grid', x1: plotLeft, x2: plotRight, y1: y(tick), y2: y(tick) }),
        svg('text', { class: 'axis-label', x: plotLeft - 8, y: y(tick) + 4, 'text-anchor': 'end' }, log ? logLabel(tick) : valueFormat(tick)));
    }
    if (line && (log || line.value <= axis.max)) {
      root.append(
        svg('line', { class: 'threshold', x1: plotLeft, x2: plotRight, y1: y(line.value), y2: y(line.value), 'data-guide': line.value }),
        svg('text', { class: 'axis-label threshold-label', x: plotRight - 4, y: y(line.value) - 4, 'text-anchor': 'end' }, line.label));
    }
    for (const change of changes) {
      const i = times.findIndex((t) => t.getTime() === Date.parse(change.at));
      if (i < 0) continue;
      const up = change.direction === 'up';
      root.append(svg('g', { class: `change-point ${up ? 'up' : 'down'}`, 'data-series': change.series, 'data-at': change.at, 'data-direction': change.direction },
        svg('title', null, `${change.series} shifted ${change.direction} by ${format.number(Math.abs(change.magnitude))} (${format.number(change.before)} to ${format.number(change.after)})`),
        svg('line', { x1: xOf(i), x2: xOf(i), y1: MARGIN.top, y2: HEIGHT - MARGIN.bottom }),
        svg('text', { x: xOf(i), y: MARGIN.top + 10, 'text-anchor': 'middle' }, up ? '▲' : '▼')));
    }
    const showSeconds = stepSeconds < 60;
    for (const i of indexTicks(n, 6)) {
      root.append(svg('text', { class: 'axis-label', x: xOf(i), y: HEIGHT - 8, 'text-anchor': 'middle' },
        showSeconds ? format.timeSeconds(times[i]) : format.time(times[i])));
    }

    if (stacked) {
      const width = Math.max(1, slot * 0.78);
      const base = new Array(n).fill(0);
      for (const s of series) {
        const group = svg('g', { class: `bars ${s.cls}`, 'data-series': s.key });
        s.values.forEach((v, i) => {
          if (!v) return;
          const y0 = y(base[i]);
          const y1 = y(base[i] + v);
          base[i] += v;
          group.append(svg('rect', { x: xOf(i) - width / 2, y: y1, width, height: Math.max(0.5, y0 - y1), 'data-index': i }));
        });
        root.append(group);
      }
    } else {
      for (const s of series) {
        const d = linePath(s.values, xOf, y);
        if (kind === 'area') {
          root.append(svg('path', { class: `area ${s.cls}`, d: areaPath(s.values, xOf, y, y(0)) }));
        }
        root.append(svg('path', { class: `line ${s.cls}`, d, 'data-series': s.key, 'data-count': s.values.filter((v) => v != null).length }));
        // Lone points (a value with gaps on both sides) have no line segment: mark them.
        s.values.forEach((v, i) => {
          if (v != null && s.values[i - 1] == null && s.values[i + 1] == null) {
            root.append(svg('circle', { class: `dot ${s.cls}`, cx: xOf(i), cy: y(v), r: 2.5 }));
          }
        });
      }
    }

    frame.draw(root, (x) => {
      const i = Math.round(stacked ? (x - plotLeft) / slot - 0.5 : (x - plotLeft) / slot);
      if (i < 0 || i >= n) return null;
      return {
        x: xOf(i),
        content: [
          h('div', { class: 'tip-time' }, format.timestamp(times[i])),
          series.map((s) => h('div', { class: 'tip-row' }, h('i', { class: `swatch ${s.cls}` }), h('span', null, s.label),
            h('b', null, s.values[i] == null ? format.DASH : valueFormat(s.values[i])))),
        ],
      };
    });
  }

  return { element: frame.element, update };
}

const LOG_FLOOR = 1e-16;

function linearAxis(max) {
  const ticks = niceTicks(max);
  return { min: 0, max: ticks[ticks.length - 1], ticks };
}

/** Decades from the smallest value (floored at 1e-16) up to 1. */
function logAxis(series, guide) {
  const values = series.flatMap((s) => s.values).filter((v) => v != null && v > 0);
  if (guide) values.push(guide.value);
  const low = Math.max(Math.log10(LOG_FLOOR), Math.floor(Math.log10(Math.min(1, ...values))));
  const min = Math.min(-1, low);
  const every = Math.max(1, Math.ceil(-min / 5));
  const ticks = [];
  for (let k = 0; k >= min; k -= every) ticks.push(10 ** k);
  return { min, max: 0, ticks };
}

const logLabel = (v) => (v >= 0.001 ? String(Number(v.toPrecision(1))) : `1e${Math.round(Math.log10(v))}`);

function linePath(values, x, y) {
  let d = '';
  let pen = false;
  values.forEach((v, i) => {
    if (v == null) {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
    pen = true;
  });
  return d;
}

function areaPath(values, x, y, baseline) {
  let d = '';
  let run = [];
  const close = () => {
    if (run.length > 1) {
      d += `M${x(run[0]).toFixed(1)},${baseline}`;
      for (const i of run) d += `L${x(i).toFixed(1)},${y(values[i]).toFixed(1)}`;
      d += `L${x(run[run.length - 1]).toFixed(1)},${baseline}Z`;
    }
    run = [];
  };
  values.forEach((v, i) => (v == null ? close() : run.push(i)));
  close();
  return d;
}

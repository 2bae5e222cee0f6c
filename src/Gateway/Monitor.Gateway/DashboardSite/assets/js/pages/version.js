// One model version: a header with its health and the period, then its sections in order. Each
// section loads what it needs through a per-refresh loader, so two sections that read the summary
// share one request, and one failing section does not blank the others.
import { h, fill } from '../dom.js';
import { api } from '../api.js';
import { versionSections } from '../sections/index.js';
import { healthOf, healthPill } from '../health.js';
import { compareHref } from '../links.js';
import { RANGES } from '../ranges.js';
import { createSegmentFilter } from '../segments/filter.js';

export function createVersionPage({ params, query, setQuery }) {
  const { model, version } = params;
  let range = RANGES.find((r) => r.key === query.get('range')) ?? RANGES[1];
  let segment = query.get('segment') || null;

  const pill = h('span', { class: 'head-pill' });
  const line = h('p', { class: 'muted' });
  const rangeButtons = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Period' });
  const segmentFilter = createSegmentFilter({
    model, version, selected: () => segment,
    choose: (value) => {
      segment = value;
      setQuery({ segment: value ?? undefined });
      page.refresh();
    },
  });
  const context = () => ({ model, version, range, segment, loader: createLoader(model, version, range, segment) });
  const sections = versionSections.map((section) => ({ section, instance: section.create({ model, version }) }));
  const slots = sections.map(({ section, instance }) => {
    const error = h('p', { class: 'section-error', hidden: true, role: 'alert' });
    const body = h('section', { class: `section section-${section.id}`, 'data-section': section.id, 'aria-label': section.title, hidden: section.optional === true },
      h('h2', null, section.title), error, instance.element);
    return { section, instance, body, error };
  });

  const element = h('div', { class: 'page version', 'data-model': model, 'data-version': version },
    h('nav', { class: 'crumbs', 'aria-label': 'Breadcrumb' }, h('a', { href: '#/' }, 'Models'), h('span', null, '/'), h('span', null, model), h('span', null, '/'), h('span', { class: 'mono' }, version)),
    h('div', { class: 'page-head' },
      h('div', null, h('h1', null, h('span', null, model), h('span', { class: 'slash' }, ' / '), h('span', { class: 'mono' }, version), ' ', pill), line),
      h('div', { class: 'inline' }, segmentFilter.element, h('a', { class: 'secondary-button', href: compareHref(model), 'data-link': 'compare' }, 'Compare versions'), rangeButtons)),
    segmentFilter.note,
    slots.map((s) => s.body));

  function renderRange() {
    fill(rangeButtons, RANGES.map((r) => h('button', {
      type: 'button', class: r === range ? 'active' : null, 'aria-pressed': String(r === range), 'data-range': r.key,
      onclick: () => {
        range = r;
        setQuery({ range: r.key });
        renderRange();
        page.refresh();
      },
    }, r.label)));
  }
  renderRange();

  let generation = 0;
  const page = {
    element,
    title: `${model} / ${version}`,
    async refresh(signal) {
      const mine = ++generation;
      const ctx = context();
      element.dataset.minutes = ctx.range.minutes;
      element.dataset.step = ctx.range.step;
      const filter = segmentFilter.refresh(ctx, signal);
      const header = ctx.loader.models(signal).then((listing) => {
        const row = listing.models.find((m) => m.model === model)?.versions.find((v) => v.version === version);
        if (mine !== generation) return;
        if (!row) {
          fill(pill);
          fill(line, 'Monitor has not seen this version.');
          return;
        }
        fill(pill, healthPill(healthOf(row), row.line));
        fill(line, row.line);
      });
      const results = await Promise.allSettled([header, filter, ...slots.map(async (slot) => {
        try {
          // A section answers false when the version has nothing for it (no reference, no labels): it hides.
          const shown = await slot.instance.refresh(ctx, signal);
          if (mine === generation) {
            slot.error.hidden = true;
            slot.body.hidden = shown === false;
          }
        } catch (error) {
          if (error.name === 'AbortError' || mine !== generation) throw error;
          slot.error.textContent = `Could not load ${slot.section.title.toLowerCase()}: ${error.message}`;
          slot.error.hidden = false;
          throw error;
        }
      })]);
      if (mine === generation) element.dataset.refreshed = String(Date.now());
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
  };
  return page;
}

/** Reads for one refresh of one version, each made at most once. */
function createLoader(model, version, range, segment) {
  const memo = new Map();
  const once = (key, load) => {
    if (!memo.has(key)) memo.set(key, load());
    return memo.get(key);
  };
  return {
    models: (signal) => once('models', () => api.models(signal)),
    /** This version's line of GET /v1/models (status, drift verdict), or null when Monitor has not seen it. */
    row: (signal) => once('row', async () => {
      const listing = await once('models', () => api.models(signal));
      return listing.models.find((m) => m.model === model)?.versions.find((v) => v.version === version) ?? null;
    }),
    summary: (signal) => once('summary', () => api.summary(model, version, range.minutes, signal)),
    /** The chosen segment's summary (GET .../summary?segment=). */
    segmentSummary: (signal) => once('segment-summary', () => api.get(`${api.versionPath(model, version)}/summary?minutes=${range.minutes}&segment=${encodeURIComponent(segment)}`, signal)),
    timeseries: (signal) => once('timeseries', () => api.timeseries(model, version, range.minutes, range.step, signal)),
    records: (options, signal) => once(`records:${JSON.stringify(options)}`, () => api.records(model, version, options, signal)),
    /** Any other GET of this version (drift, data quality, labels...), relative to its path. */
    get: (relative, signal) => once(`get:${relative}`, () => api.get(`${api.versionPath(model, version)}/${relative}`, signal)),
  };
}

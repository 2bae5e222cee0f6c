// A/B comparison of two versions of a model (GET /v1/models/{model}/compare): each metric of B against
// A side by side with the difference, its 95% interval, p-value, effect size, verdict and the sample
// still needed. Defaults to the champion against each challenger when the model names a champion.
import { h, fill } from '../dom.js';
import { api } from '../api.js';
import * as format from '../format.js';
import { versionHref } from '../links.js';
import { metricOf, verdictOf, effectName, comparisonTest } from '../compare/metrics.js';
import { RANGES } from '../ranges.js';

export function createComparePage({ query, setQuery }) {
  const state = {
    model: query.get('model') || '',
    a: query.get('a') || '',
    b: query.get('b') || '',
    range: RANGES.find((r) => r.key === query.get('range')) ?? RANGES[1],
  };
  let listing = null;
  let refreshNow = null;

  const modelSelect = h('select', { class: 'input', id: 'compare-model', 'aria-label': 'Model', onchange: () => choose({ model: modelSelect.value, a: '', b: '' }) });
  const aSelect = h('select', { class: 'input', id: 'compare-a', 'aria-label': 'Version A', onchange: () => choose({ a: aSelect.value, b: bSelect.value }) });
  const bSelect = h('select', { class: 'input', id: 'compare-b', 'aria-label': 'Version B', onchange: () => choose({ a: aSelect.value, b: bSelect.value }) });
  const rangeButtons = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Period' });
  const note = h('p', { class: 'muted compare-note' });
  const results = h('div', { class: 'comparisons' });
  const element = h('section', { class: 'page compare' },
    h('div', { class: 'page-head' },
      h('div', null, h('h1', null, 'Compare versions'), h('p', { class: 'muted' }, 'Version B against version A over the period: each difference with its 95% interval, p-value and verdict (5% level).')),
      rangeButtons),
    h('div', { class: 'card compare-pickers' }, h('div', { class: 'toolbar' },
      h('label', { class: 'picker' }, 'Model', modelSelect),
      h('label', { class: 'picker' }, 'A', aSelect),
      h('span', { class: 'muted' }, 'vs'),
      h('label', { class: 'picker' }, 'B', bSelect),
      h('button', { type: 'button', class: 'secondary-button small', id: 'swap', onclick: () => choose({ a: state.b, b: state.a }) }, 'Swap'))),
    note, results);

  function choose(values) {
    Object.assign(state, values);
    setQuery({ model: state.model, a: state.a, b: state.b });
    refreshNow?.();
  }

  function renderRange() {
    fill(rangeButtons, RANGES.map((r) => h('button', {
      type: 'button', class: r === state.range ? 'active' : null, 'aria-pressed': String(r === state.range), 'data-range': r.key,
      onclick: () => { state.range = r; setQuery({ range: r.key }); renderRange(); refreshNow?.(); },
    }, r.label)));
  }
  renderRange();

  function options(select, values, selected, blank) {
    fill(select, blank ? h('option', { value: '' }, blank) : null, values.map((v) => h('option', { value: v, selected: v === selected }, v)));
    select.value = selected;
  }

  async function load(signal) {
    listing = await api.models(signal);
    const models = listing.models.map((m) => m.model);
    if (!models.includes(state.model)) {
      state.model = (listing.models.find((m) => m.versions.length >= 2) ?? listing.models[0])?.model ?? '';
    }
    options(modelSelect, models, state.model);
    const versions = listing.models.find((m) => m.model === state.model)?.versions.map((v) => v.version) ?? [];
    if (versions.length < 2) {
      options(aSelect, versions, '', null);
      options(bSelect, versions, '', null);
      fill(note, state.model ? `${state.model} has one version: nothing to compare yet.` : 'No model has sent a record yet.');
      fill(results);
      return;
    }

    const { champion } = await api.get(`/v1/models/${encodeURIComponent(state.model)}/champion`, signal);
    const pair = state.a && state.b && state.a !== state.b && versions.includes(state.a) && versions.includes(state.b);
    // Without a pair chosen: the champion against every challenger, or (no champion) the first two versions.
    const path = `/v1/models/${encodeURIComponent(state.model)}/compare`;
    let answer;
    if (pair) {
      answer = await api.get(`${path}?${new URLSearchParams({ a: state.a, b: state.b, minutes: state.range.minutes })}`, signal);
    } else if (champion) {
      answer = await api.get(`${path}?${new URLSearchParams({ minutes: state.range.minutes })}`, signal);
    } else {
      answer = await api.get(`${path}?${new URLSearchParams({ a: versions[0], b: versions[1], minutes: state.range.minutes })}`, signal);
    }
    options(aSelect, versions, pair ? state.a : champion ?? versions[0], pair ? null : champion ? 'champion' : null);
    options(bSelect, versions, pair ? state.b : champion ? '' : versions[1], pair ? null : champion ? 'each challenger' : null);

    fill(note,
      champion ? ['Champion: ', h('b', { class: 'mono', 'data-champion': champion }, champion), '. '] : [`${state.model} names no champion (PUT /v1/models/${state.model}/champion). `],
      `Several metrics are tested at once: about one in twenty differences between identical versions reads as significant by chance. Decide on the metric that matters before reading the verdicts.`);
    fill(results, answer.comparisons.map((c) => comparisonCard(answer.model, c, champion)));
    element.dataset.minutes = String(answer.minutes);
    element.dataset.refreshed = String(Date.now());
  }

  return {
    element,
    title: 'Compare',
    async refresh(signal) {
      refreshNow = () => load(undefined).catch((error) => fill(note, h('span', { class: 'bad' }, error.message)));
      await load(signal);
    },
  };
}

function comparisonCard(model, c, champion) {
  const t = c.traffic;
  const side = (version, share, n) => h('div', { class: 'side' },
    h('a', { href: versionHref(model, version), class: 'mono strong' }, version), version === champion ? h('span', { class: 'tag tag-info' }, 'champion') : null,
    h('div', { class: 'muted small' }, `${format.count(n)} predictions`, share != null ? ` · ${format.share(share)} of the pair` : ''));
  return h('div', { class: 'card comparison', 'data-a': c.a, 'data-b': c.b },
    h('div', { class: 'comparison-head' },
      h('div', { class: 'sides' }, h('span', { class: 'side-label' }, 'A'), side(c.a, t.share_a, t.predictions_a), h('span', { class: 'muted' }, 'vs'), h('span', { class: 'side-label' }, 'B'), side(c.b, t.share_b, t.predictions_b)),
      t.share_a != null ? shareBar(t.share_a, t.share_b) : null,
      h('div', { class: 'muted small' }, `${format.timestamp(new Date(c.from))} – ${format.timestamp(new Date(c.to))}`),
      c.drift ? h('div', { class: 'small', title: c.drift_note ?? null, 'data-part': 'drift' }, 'Drift: A ', driftText(c.drift.a), ' · B ', driftText(c.drift.b),
        c.drift_note ? h('span', { class: 'muted' }, ` (${c.drift_note})`) : null) : null,
      c.estimates ? h('div', { class: 'small', 'data-part': 'estimate' }, 'Estimated accuracy: A ', estimateText(c.estimates.a), ' · B ', estimateText(c.estimates.b)) : null),
    h('div', { class: 'table-scroll' }, h('table', { class: 'grid-table compare-table' },
      h('thead', null, h('tr', null, ['Metric', 'A', 'B', 'B − A', '95% CI', 'p-value', 'Test and effect size', 'Verdict', 'Sample needed'].map((l, i) =>
        h('th', { scope: 'col', class: i >= 1 && i <= 5 ? 'num' : null }, l)))),
      h('tbody', null, c.metrics.map(metricRow)))));
}

const DRIFT_VERDICTS = { drift: 'drift', no_drift: 'no drift', insufficient_data: 'too few records', no_reference: 'no reference' };

function driftText(v) {
  if (v == null) return h('b', null, format.DASH);
  if (typeof v === 'string') return h('b', null, DRIFT_VERDICTS[v] ?? v);
  const drifted = v.verdict === 'drift';
  return h('span', { class: `tag ${drifted ? 'tag-warn' : v.verdict === 'no_drift' ? 'tag-ok' : 'tag-quiet'}`, 'data-drift': v.verdict,
    title: v.drifted_features?.length ? `Drifting: ${v.drifted_features.join(', ')}` : null },
  DRIFT_VERDICTS[v.verdict] ?? v.verdict, drifted ? ` ${v.features_drifted}/${v.features_tested}` : '');
}

// How far each side's estimate can be trusted: calibrated on a labelled reference or not, and whether its
// own labels fall outside the estimate's band (then the estimate, and a verdict on it, is not to be believed).
function estimateText(e) {
  if (e == null) return h('b', null, format.DASH);
  const band = format.isNumber(e.lower) ? ` (band ${format.share(e.lower)} – ${format.share(e.upper)})` : '';
  return h('span', { 'data-uncalibrated': String(e.uncalibrated), 'data-contradicted': String(e.estimate_contradicted ?? ''), title: e.note ?? null },
    h('b', null, format.share(e.accuracy)), band,
    e.uncalibrated ? [' ', h('span', { class: 'tag tag-warn' }, 'uncalibrated')] : [' ', h('span', { class: 'tag tag-info' }, 'calibrated')],
    e.estimate_contradicted ? [' ', h('span', { class: 'tag tag-bad' }, `contradicted: realized ${format.share(e.realized)}`)] : null);
}

// Widths through the CSSOM: the page's Content-Security-Policy refuses inline style attributes.
function shareBar(a, b) {
  const left = h('span', { class: 'share-a' });
  const right = h('span', { class: 'share-b' });
  left.style.width = `${(a * 100).toFixed(1)}%`;
  right.style.width = `${(b * 100).toFixed(1)}%`;
  return h('div', { class: 'share-bar', title: 'Share of the pair\u2019s predictions' }, left, right);
}

function metricRow(m) {
  const kind = metricOf(m.metric);
  const verdict = verdictOf(m.verdict);
  const cell = (field, raw, text, cls = 'num') => h('td', { class: cls, 'data-field': field, 'data-value': raw ?? '' }, text);
  return h('tr', { 'data-metric': m.metric, 'data-verdict': m.verdict },
    h('th', { scope: 'row' }, kind.label, h('div', { class: 'muted small' }, `${m.better_when} is better`)),
    cell('a', m.a, kind.value(m.a), 'num'),
    cell('b', m.b, kind.value(m.b), 'num'),
    h('td', { class: 'num nowrap', 'data-field': 'difference', 'data-value': m.difference ?? '' }, kind.difference(m.difference),
      h('div', { class: 'muted small', 'data-field': 'relative_difference', 'data-value': m.relative_difference ?? '' },
        format.isNumber(m.relative_difference) ? `${m.relative_difference >= 0 ? '+' : ''}${(m.relative_difference * 100).toFixed(1)}%` : null)),
    h('td', { class: 'num nowrap', 'data-field': 'ci95', 'data-lower': m.ci95_lower ?? '', 'data-upper': m.ci95_upper ?? '' },
      format.isNumber(m.ci95_lower) ? `${kind.difference(m.ci95_lower)} … ${kind.difference(m.ci95_upper)}` : format.DASH),
    cell('p_value', m.p_value, format.pValue(m.p_value)),
    h('td', { class: 'small' }, comparisonTest(m.test),
      m.effect_size ? h('div', { 'data-field': 'effect_size', 'data-value': m.effect_size.value ?? '' }, `${effectName(m.effect_size.name)} ${format.number(m.effect_size.value, 3)}`) : null,
      m.secondary ? h('div', { class: 'muted' }, `${comparisonTest(m.secondary.test)} p ${format.pValue(m.secondary.p_value)}`) : null),
    h('td', { 'data-field': 'verdict', 'data-value': m.verdict }, h('span', { class: `tag ${verdict.tone}` }, verdict.label), m.note ? h('div', { class: 'muted small wrap' }, m.note) : null),
    h('td', { class: 'small', 'data-field': 'sample_needed', 'data-value': m.sample_needed?.per_version ?? '' },
      m.sample_needed ? [`${format.count(m.sample_needed.per_version)} per version`, h('div', { class: 'muted' }, `+${format.count(m.sample_needed.additional_a)} A, +${format.count(m.sample_needed.additional_b)} B`)]
        : h('span', { class: 'muted' }, `n ${format.count(m.samples_a)} / ${format.count(m.samples_b)}`)));
}

// Data quality of the period's records (GET .../summary's data_quality): per feature nulls, missing and
// wrongly typed values, numbers outside the reference range and unseen categories; per record unknown
// and missing features and refused non-finite values. Hidden before any record was counted.
import { h, fill } from '../dom.js';
import * as format from '../format.js';

const COLUMNS = [
  { key: 'nulls', share: 'null_share', label: 'Nulls' },
  { key: 'missing', share: 'missing_share', label: 'Missing' },
  { key: 'wrong_type', share: 'wrong_type_share', label: 'Wrong type' },
  { key: 'out_of_range', share: 'out_of_range_share', label: 'Out of range' },
  { key: 'unseen_categories', share: 'unseen_category_share', label: 'Unseen categories' },
];

export const dataQualitySection = {
  id: 'data-quality',
  title: 'Data quality',
  optional: true,
  create() {
    const tiles = h('div', { class: 'tiles tiles-dense' });
    const note = h('p', { class: 'muted small' });
    const table = h('table', { class: 'grid-table', id: 'data-quality' });
    return {
      element: h('div', null, tiles, h('div', { class: 'card' }, h('div', { class: 'table-scroll' }, table)), note),
      async refresh(ctx, signal) {
        const q = (await ctx.loader.summary(signal)).data_quality;
        if (!q || q.schema === 'none') return false;
        const reference = q.schema === 'reference';
        const tile = (key, label, value, cls) => h('div', { class: `tile ${cls ?? ''}`, 'data-figure': key }, h('span', { class: 'tile-label' }, label), h('span', { class: 'tile-value' }, value));
        fill(tiles,
          tile('records', 'Records checked', format.count(reference ? q.records_checked : q.records)),
          reference ? tile('schema_violation_share', 'Schema violations', format.share(q.schema_violation_share), q.schema_violation_share > 0 ? 'tone-warn' : '') : null,
          reference ? tile('unknown_feature_share', 'Unknown features', format.share(q.unknown_feature_share)) : null,
          reference ? tile('missing_feature_share', 'Missing features', format.share(q.missing_feature_share)) : null,
          tile('non_finite_refused', 'Non-finite refused', format.count(q.non_finite_refused), q.non_finite_refused > 0 ? 'tone-warn' : ''));
        const shown = reference ? COLUMNS : COLUMNS.slice(0, 2);
        fill(table,
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Feature'), h('th', { scope: 'col' }, 'Kind'), h('th', { scope: 'col', class: 'num' }, 'Records'),
            shown.map((c) => h('th', { scope: 'col', class: 'num' }, c.label)))),
          h('tbody', null, q.features.length ? q.features.map((f) => h('tr', { 'data-feature': f.name },
            h('th', { scope: 'row', class: 'mono' }, f.name),
            h('td', null, f.kind),
            h('td', { class: 'num' }, format.count(f.records)),
            shown.map((c) => h('td', { class: `num${f[c.key] > 0 ? ' warn-cell' : ''}`, 'data-field': c.key, 'data-value': f[c.key], 'data-share': f[c.share] ?? '' },
              format.count(f[c.key]), f[c.share] != null ? h('span', { class: 'muted small' }, ` (${format.share(f[c.share])})`) : null))))
            : h('tr', null, h('td', { colspan: 3 + shown.length, class: 'empty-row' }, 'No features seen in this period.'))));
        fill(note, reference
          ? 'Against the reference\u2019s schema. Shares of nulls, missing and wrong types are over records; out of range and unseen over present values.'
          : 'This version has no reference: only nulls and missing values of the features seen are counted.');
        return true;
      },
    };
  },
};

// The form that creates a silence: matchers (prefilled from an alert), how long, who and why. The
// server validates; its problem answer is shown beside the field it names.
import { h, fill } from '../dom.js';
import { api } from '../api.js';
import * as format from '../format.js';

const OPERATORS = ['=', '!=', '=~', '!~'];
const PRESETS = ['1h', '2h', '4h', '1d', '7d'];
const AUTHOR_KEY = 'monitor.silence.author';

/** Prometheus durations as the API reads them: 30m, 2h, 1d12h... */
export function parseDuration(text) {
  const match = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text.trim());
  if (!match || text.trim() === '') return null;
  const [, d = 0, hours = 0, m = 0, s = 0] = match.map((v) => Number(v ?? 0));
  const ms = (((d * 24 + hours) * 60 + m) * 60 + s) * 1000;
  return ms > 0 ? ms : null;
}

export function createSilenceForm({ onCreated }) {
  const matcherRows = h('div', { class: 'matchers' });
  const duration = h('input', { type: 'text', name: 'duration', class: 'input narrow', value: '2h', 'data-field': 'duration', 'aria-label': 'Duration', oninput: preview });
  const presets = h('div', { class: 'segmented small' }, PRESETS.map((p) => h('button', {
    type: 'button', 'data-duration': p, onclick: () => { duration.value = p; preview(); },
  }, p)));
  const ends = h('span', { class: 'muted small', 'data-ends': '' });
  const author = h('input', { type: 'text', name: 'created_by', class: 'input', 'data-field': 'created_by', 'aria-label': 'Created by', value: readAuthor() });
  const comment = h('textarea', { name: 'comment', class: 'input', rows: 2, 'data-field': 'comment', 'aria-label': 'Comment', placeholder: 'Why: a deploy, a known incident, a ticket…' });
  const error = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'primary-button' }, 'Create silence');
  const form = h('form', { class: 'silence-form', id: 'silence-form', novalidate: true, onsubmit: create },
    h('div', { class: 'form-row' }, h('label', null, 'Matchers'),
      h('div', null, matcherRows, h('button', { type: 'button', class: 'link-button', onclick: () => addMatcher({ name: '', op: '=', value: '' }, true) }, '+ Add matcher'),
        h('p', { class: 'muted small' }, 'An alert is silenced when every matcher matches its labels. =~ and !~ take a regular expression, anchored at both ends.'))),
    h('div', { class: 'form-row' }, h('label', null, 'Duration'), h('div', { class: 'inline' }, duration, presets, ends)),
    h('div', { class: 'form-row' }, h('label', null, 'Created by'), author),
    h('div', { class: 'form-row' }, h('label', null, 'Comment'), comment),
    error,
    h('div', { class: 'form-actions' }, submit, h('button', { type: 'button', class: 'secondary-button', onclick: close }, 'Cancel')));
  const element = h('div', { class: 'card form-card', hidden: true, 'data-form': 'silence' },
    h('div', { class: 'card-head' }, h('h3', null, 'New silence')), form);

  function readAuthor() {
    try { return localStorage.getItem(AUTHOR_KEY) ?? ''; } catch { return ''; }
  }

  function addMatcher(m, focus) {
    const name = h('input', { type: 'text', class: 'input', value: m.name, placeholder: 'label', 'aria-label': 'Label name', 'data-part': 'name' });
    const op = h('select', { class: 'input op', 'aria-label': 'Operator', 'data-part': 'op' }, OPERATORS.map((o) => h('option', { value: o, selected: o === (m.op ?? '=') }, o)));
    const value = h('input', { type: 'text', class: 'input', value: m.value, placeholder: 'value', 'aria-label': 'Label value', 'data-part': 'value' });
    const row = h('div', { class: 'matcher' }, name, op, value,
      h('button', { type: 'button', class: 'icon-button', title: 'Remove matcher', 'aria-label': 'Remove matcher', onclick: () => { row.remove(); renumber(); } }, '×'));
    matcherRows.append(row);
    renumber();
    if (focus) name.focus();
  }

  function renumber() {
    [...matcherRows.children].forEach((row, i) => {
      for (const input of row.querySelectorAll('[data-part]')) input.dataset.field = `matchers[${i}].${input.dataset.part}`;
    });
  }

  function matchers() {
    return [...matcherRows.children].map((row) => ({
      name: row.querySelector('[data-part=name]').value.trim(),
      op: row.querySelector('[data-part=op]').value,
      value: row.querySelector('[data-part=value]').value,
    })).filter((m) => m.name !== '' || m.value !== '');
  }

  function preview() {
    const ms = parseDuration(duration.value);
    for (const b of presets.children) b.classList.toggle('active', b.dataset.duration === duration.value.trim());
    fill(ends, ms ? `until ${format.timestamp(new Date(Date.now() + ms))}` : 'e.g. 30m, 2h, 1d');
  }

  function showError(problem) {
    for (const el of form.querySelectorAll('.invalid')) el.classList.remove('invalid');
    error.hidden = !problem;
    if (!problem) return;
    error.textContent = problem.message;
    const field = problem.field ?? '';
    const target = form.querySelector(`[data-field="${CSS.escape(field)}"]`)
      ?? (field.startsWith('matchers') ? matcherRows : field === 'ends_at' ? duration : null);
    target?.classList.add('invalid');
  }

  async function create(event) {
    event.preventDefault();
    submit.disabled = true;
    try {
      const silence = await api.createSilence({
        matchers: matchers(), duration: duration.value.trim(), created_by: author.value.trim(), comment: comment.value.trim(),
      });
      try { localStorage.setItem(AUTHOR_KEY, author.value.trim()); } catch { /* private mode */ }
      close();
      onCreated?.(silence);
    } catch (e) {
      showError({ message: e.message, field: e.field });
    } finally {
      submit.disabled = false;
    }
  }

  function open(prefill = []) {
    fill(matcherRows);
    (prefill.length ? prefill : [{ name: '', op: '=', value: '' }]).forEach((m) => addMatcher(m, false));
    comment.value = '';
    showError(null);
    preview();
    element.hidden = false;
    element.scrollIntoView({ block: 'nearest' });
    (author.value ? comment : author).focus();
  }

  function close() {
    element.hidden = true;
    showError(null);
  }

  return { element, open, close };
}

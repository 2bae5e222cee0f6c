// A form over one JSON document the API validates (a rule, a channel, the routes, drift settings). Fields are
// typed (text, number, bool, select, password, map "key=value" per line, list "a, b", JSON); what is left
// empty is left out, so the API's defaults apply. The API's problem answer is shown in place: under the field
// it names ("labels.team" and "routes[0].channels" go to labels and routes), every one of several problems.
import { h, fill } from '../dom.js';

export function createDocumentForm({ id, title, fields, save, onSaved }) {
  const inputs = new Map();
  const errors = new Map();
  const rows = fields.map((f) => {
    const input = inputFor(f);
    const error = h('p', { class: 'field-error', role: 'alert', hidden: true, 'data-error-for': f.name });
    inputs.set(f.name, input);
    errors.set(f.name, error);
    return h('div', { class: 'form-row', 'data-row': f.name },
      h('label', { for: `${id}-${f.name}` }, f.label),
      h('div', null, input, f.hint ? h('p', { class: 'muted small' }, f.hint) : null, error));
  });
  inputs.forEach((input, name) => { input.id = `${id}-${name}`; });
  const formError = h('p', { class: 'form-error', role: 'alert', hidden: true, 'data-form-error': '' });
  const saved = h('span', { class: 'muted small', 'aria-live': 'polite', 'data-saved': '' });
  const submit = h('button', { type: 'submit', class: 'primary-button', 'data-action': 'save' }, 'Save');
  const heading = h('h3', null, title);
  const form = h('form', { class: 'doc-form', novalidate: true, onsubmit: onSubmit },
    rows, formError,
    h('div', { class: 'form-actions' }, submit, h('button', { type: 'button', class: 'secondary-button', onclick: close }, 'Cancel'), saved));
  const element = h('div', { class: 'card form-card', hidden: true, 'data-form': id }, h('div', { class: 'card-head' }, heading), form);
  let context = null;

  function inputFor(f) {
    const attrs = { class: 'input', name: f.name, 'data-field': f.name, placeholder: f.placeholder ?? null };
    switch (f.type) {
      case 'bool': return h('input', { ...attrs, type: 'checkbox', class: null });
      case 'select': return h('select', attrs, f.options.map((o) => h('option', { value: o }, o === '' ? '(default)' : o)));
      case 'map': case 'json': return h('textarea', { ...attrs, rows: f.rows ?? 3, spellcheck: 'false' });
      case 'password': return h('input', { ...attrs, type: 'password', autocomplete: 'new-password' });
      default: return h('input', { ...attrs, type: 'text', inputmode: f.type === 'number' ? 'decimal' : null, autocomplete: 'off' });
    }
  }

  /** Shows the form filled from `doc`; `fixed` names fields that cannot change (the name of an existing one). */
  function open(doc, { heading: text, fixed = [], ...rest } = {}) {
    context = rest;
    fill(heading, text ?? title);
    for (const f of fields) {
      const input = inputs.get(f.name);
      const value = doc?.[f.name];
      if (f.type === 'bool') input.checked = value ?? f.default ?? false;
      else if (f.type === 'map') input.value = Object.entries(value ?? {}).map(([k, v]) => `${k}=${v}`).join('\n');
      else if (f.type === 'list') input.value = (value ?? []).join(', ');
      else if (f.type === 'json') input.value = value === undefined || value === null ? '' : JSON.stringify(value, null, 2);
      else if (f.type === 'password') input.value = '';
      else input.value = value === undefined || value === null ? '' : String(value);
      input.disabled = fixed.includes(f.name);
    }
    showProblems(null);
    fill(saved);
    element.hidden = false;
    element.scrollIntoView({ block: 'nearest' });
  }

  function close() {
    element.hidden = true;
    showProblems(null);
  }

  /** The body to send, or the problems found before sending (JSON that does not parse). */
  function collect() {
    const body = {};
    const local = [];
    for (const f of fields) {
      const input = inputs.get(f.name);
      if (f.readonly) continue;
      if (f.type === 'bool') { body[f.name] = input.checked; continue; }
      const text = input.value.trim();
      if (text === '') continue;
      if (f.type === 'number') {
        // A number that does not parse is sent as typed: the API names the field and says what it takes.
        body[f.name] = Number.isFinite(Number(text)) ? Number(text) : text;
      } else if (f.type === 'map') {
        body[f.name] = Object.fromEntries(text.split('\n').map((l) => l.trim()).filter(Boolean).map((l) => {
          const at = l.indexOf('=');
          return at < 0 ? [l, ''] : [l.slice(0, at).trim(), l.slice(at + 1).trim()];
        }));
      } else if (f.type === 'list') {
        body[f.name] = text.split(',').map((v) => v.trim()).filter(Boolean);
      } else if (f.type === 'json') {
        try { body[f.name] = JSON.parse(text); } catch (e) { local.push({ field: f.name, reason: `is not valid JSON: ${e.message}` }); }
      } else {
        body[f.name] = text;
      }
    }
    return { body, local };
  }

  // "labels.team" → labels, "routes[0].channels" → routes, "features.x" → features: the longest prefix that is a field.
  function fieldOf(path) {
    let name = path ?? '';
    while (name) {
      if (inputs.has(name)) return name;
      const cut = Math.max(name.lastIndexOf('.'), name.lastIndexOf('['));
      if (cut <= 0) break;
      name = name.slice(0, cut);
    }
    return inputs.has(name) ? name : null;
  }

  function showProblems(problems) {
    for (const [name, error] of errors) {
      error.hidden = true;
      error.textContent = '';
      inputs.get(name).classList.remove('invalid');
      inputs.get(name).removeAttribute('aria-invalid');
    }
    formError.hidden = true;
    const unplaced = [];
    for (const p of problems ?? []) {
      const name = fieldOf(p.field);
      if (!name) { unplaced.push(p); continue; }
      const error = errors.get(name);
      error.textContent = [error.textContent, p.field === name ? p.reason : `${p.field}: ${p.reason}`].filter(Boolean).join(' · ');
      error.hidden = false;
      inputs.get(name).classList.add('invalid');
      inputs.get(name).setAttribute('aria-invalid', 'true');
    }
    if (unplaced.length) {
      formError.textContent = unplaced.map((p) => (p.field ? `${p.field}: ${p.reason}` : p.reason)).join(' · ');
      formError.hidden = false;
    }
    const first = (problems ?? []).map((p) => fieldOf(p.field)).find(Boolean);
    if (first) inputs.get(first).focus();
  }

  async function onSubmit(event) {
    event.preventDefault();
    const { body, local } = collect();
    if (local.length) {
      showProblems(local);
      return;
    }
    submit.disabled = true;
    fill(saved);
    try {
      const answer = await save(body, context);
      showProblems(null);
      fill(saved, 'Saved');
      onSaved?.(answer, context);
    } catch (e) {
      if (e.status === undefined) throw e;
      showProblems(problemsOf(e));
    } finally {
      submit.disabled = false;
    }
  }

  return { element, open, close };
}

/** The problems of an API error: every {field, reason} of "errors", else the one field and its reason. */
export function problemsOf(error) {
  const listed = error.problem?.errors;
  if (Array.isArray(listed) && listed.length && listed.every((p) => typeof p === 'object' && p !== null && 'field' in p)) {
    return listed.map((p) => ({ field: p.field, reason: p.reason ?? p.error ?? '' }));
  }
  const detail = error.message ?? '';
  const field = error.field;
  const reason = field && detail.startsWith(`${field}: `) ? detail.slice(field.length + 2) : detail;
  return [{ field, reason }];
}

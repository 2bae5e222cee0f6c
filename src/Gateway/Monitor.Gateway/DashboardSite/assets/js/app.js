// Boots the dashboard: hash routes to pages, and refreshes the current page every few seconds
// (one refresh at a time, paused while the tab is hidden or when the user pauses it).
import { routes } from './routes.js';
import { h, fill } from './dom.js';
import * as format from './format.js';

const REFRESH_MS = 5000;
const view = document.getElementById('view');
const state = document.getElementById('refresh-state');
const toggle = document.getElementById('refresh-toggle');

let current = null;
let timer = null;
let paused = false;

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/';
  const [path, search = ''] = raw.split('?');
  return { path: path || '/', query: new URLSearchParams(search) };
}

function route() {
  const { path, query } = parseHash();
  for (const r of routes) {
    const match = r.pattern.exec(path);
    if (match) {
      const params = Object.fromEntries((r.keys ?? []).map((key, i) => [key, decodeURIComponent(match[i + 1])]));
      return { ...r, params, query };
    }
  }
  return null;
}

function navigate() {
  current?.page.dispose?.();
  current?.abort.abort();
  const matched = route();
  document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active', a.dataset.nav === matched?.nav));
  if (!matched) {
    current = null;
    fill(view, h('section', { class: 'empty-page' }, h('h1', null, 'Not found'), h('p', null, h('a', { href: '#/' }, 'Back to the models'))));
    return;
  }
  const page = matched.create({ params: matched.params, query: matched.query, setQuery });
  current = { page, abort: new AbortController() };
  fill(view, page.element);
  document.title = page.title ? `${page.title} · Monitor` : 'Monitor';
  view.focus({ preventScroll: true });
  refresh();
}

/** Keeps page state (sort, filter, range) in the address without re-creating the page. */
function setQuery(values) {
  const { path, query } = parseHash();
  for (const [k, v] of Object.entries(values)) {
    if (v === null || v === undefined || v === '') query.delete(k); else query.set(k, v);
  }
  const search = query.toString();
  history.replaceState(null, '', `#${path}${search ? `?${search}` : ''}`);
}

async function refresh() {
  clearTimeout(timer);
  const target = current;
  if (!target) return;
  try {
    await target.page.refresh(target.abort.signal);
    if (target === current) {
      state.textContent = `Updated ${format.timeSeconds(new Date())}`;
      state.classList.remove('failed');
    }
  } catch (error) {
    if (error.name === 'AbortError') return;
    if (target === current) {
      state.textContent = `Update failed: ${error.message}`;
      state.classList.add('failed');
    }
  }
  if (target === current) schedule();
}

function schedule() {
  clearTimeout(timer);
  if (!paused && !document.hidden) timer = setTimeout(refresh, REFRESH_MS);
}

toggle.addEventListener('click', () => {
  paused = !paused;
  toggle.textContent = paused ? 'Resume' : 'Pause';
  toggle.setAttribute('aria-pressed', String(paused));
  if (paused) {
    clearTimeout(timer);
    state.textContent = 'Paused';
  } else {
    refresh();
  }
});

document.addEventListener('visibilitychange', () => {
  if (!document.hidden && !paused) refresh();
});

window.addEventListener('hashchange', navigate);
navigate();

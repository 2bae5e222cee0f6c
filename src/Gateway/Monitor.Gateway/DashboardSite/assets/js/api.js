// The dashboard reads the same HTTP API as every other client. Errors carry the problem document's
// detail and the field it names.
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.field = problem?.field ?? null;
  }
}

// When the gateway requires API keys, the dashboard asks for one on the first 401 and keeps it in this
// browser's local storage; every request sends it as a bearer token. A read key shows everything; silences,
// rules, channels, routes and drift settings need an admin key: a change refused 403 asks for one once.
const keyName = 'monitor.apiKey';
let keyPrompt = null;
let declined = false;

function storedKey() {
  try { return localStorage.getItem(keyName); } catch { return null; }
}

// One prompt however many requests were refused at once; null when the user declines (then not again
// until the page is reloaded, so the refresh does not keep asking).
function askForKey(message = 'This Monitor requires an API key (role read, or admin to change silences, rules, channels, routes and drift settings):') {
  if (declined) return Promise.resolve(null);
  keyPrompt ??= Promise.resolve().then(() => {
    const entered = window.prompt(message);
    const key = entered?.trim() || null;
    if (key) localStorage.setItem(keyName, key);
    else declined = true;
    return key;
  });
  return keyPrompt;
}

async function request(method, path, { body, signal } = {}, retried = false) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const key = storedKey();
  if (key) headers.Authorization = `Bearer ${key}`;
  const response = await fetch(path, {
    method, headers, signal, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = response.headers.get('Content-Type') || '';
  const answer = type.includes('json') ? await response.json() : null;
  if (response.status === 401 && !retried) {
    const current = storedKey();
    // Another request may have asked already; otherwise ask once (a wrong key asks again on the next refresh).
    const next = current && current !== key ? current : await askForKey().finally(() => { keyPrompt = null; });
    if (next && next !== key) return request(method, path, { body, signal }, true);
  }
  if (response.status === 403 && method !== 'GET' && !retried) {
    const next = await askForKey(`${answer?.detail ?? 'This change needs an admin key.'} Enter an admin key:`).finally(() => { keyPrompt = null; });
    if (next && next !== key) return request(method, path, { body, signal }, true);
  }
  if (!response.ok) throw new ApiError(response.status, answer);
  return answer;
}

const getJson = (path, signal) => request('GET', path, { signal });

const versionPath = (model, version) =>
  `/v1/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`;

const query = (params) => {
  const entries = Object.entries(params).filter(([, v]) => v !== undefined && v !== null && v !== '');
  return entries.length ? `?${new URLSearchParams(entries)}` : '';
};

export const api = {
  models: (signal) => getJson('/v1/models', signal),
  summary: (model, version, minutes, signal) => getJson(`${versionPath(model, version)}/summary${query({ minutes })}`, signal),
  timeseries: (model, version, minutes, step, signal) =>
    getJson(`${versionPath(model, version)}/timeseries${query({ minutes, step, change_points: true })}`, signal),
  records: (model, version, { limit, id } = {}, signal) =>
    getJson(`${versionPath(model, version)}/records${query({ limit, id })}`, signal),

  alerts: (signal) => getJson('/v1/alerts', signal),
  alertHistory: (limit, signal) => getJson(`/v1/alerts/history${query({ limit })}`, signal),
  silences: (signal) => getJson('/v1/alerts/silences', signal),
  createSilence: (silence) => request('POST', '/v1/alerts/silences', { body: silence }),
  expireSilence: (id) => request('DELETE', `/v1/alerts/silences/${encodeURIComponent(id)}`),

  ruleStates: (model, version, signal) => getJson(`${versionPath(model, version)}/alerts`, signal),
  distribution: (model, version, feature, signal) =>
    getJson(`${versionPath(model, version)}/drift/features/${encodeURIComponent(feature)}/distribution`, signal),
  driftSettings: (model, version, signal) => getJson(`${versionPath(model, version)}/drift/settings`, signal),
  putDriftSettings: (model, version, settings) => request('PUT', `${versionPath(model, version)}/drift/settings`, { body: settings }),
  rules: (signal) => getJson('/v1/alerts/rules', signal),
  createRule: (rule) => request('POST', '/v1/alerts/rules', { body: rule }),
  putRule: (name, rule) => request('PUT', `/v1/alerts/rules/${encodeURIComponent(name)}`, { body: rule }),
  deleteRule: (name) => request('DELETE', `/v1/alerts/rules/${encodeURIComponent(name)}`),
  channels: (signal) => getJson('/v1/alerts/channels', signal),
  createChannel: (channel) => request('POST', '/v1/alerts/channels', { body: channel }),
  putChannel: (name, channel) => request('PUT', `/v1/alerts/channels/${encodeURIComponent(name)}`, { body: channel }),
  deleteChannel: (name) => request('DELETE', `/v1/alerts/channels/${encodeURIComponent(name)}`),
  routing: (signal) => getJson('/v1/alerts/routes', signal),
  putRouting: (routing) => request('PUT', '/v1/alerts/routes', { body: routing }),

  get: getJson,
  versionPath,
};

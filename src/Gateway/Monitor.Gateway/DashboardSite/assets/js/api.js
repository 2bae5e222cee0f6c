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

async function request(method, path, { body, signal } = {}) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, signal, cache: 'no-store', body: body === undefined ? undefined : JSON.stringify(body),
  });
  const type = response.headers.get('Content-Type') || '';
  const answer = type.includes('json') ? await response.json() : null;
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
    getJson(`${versionPath(model, version)}/timeseries${query({ minutes, step })}`, signal),
  records: (model, version, { limit, id } = {}, signal) =>
    getJson(`${versionPath(model, version)}/records${query({ limit, id })}`, signal),

  alerts: (signal) => getJson('/v1/alerts', signal),
  alertHistory: (limit, signal) => getJson(`/v1/alerts/history${query({ limit })}`, signal),
  silences: (signal) => getJson('/v1/alerts/silences', signal),
  createSilence: (silence) => request('POST', '/v1/alerts/silences', { body: silence }),
  expireSilence: (id) => request('DELETE', `/v1/alerts/silences/${encodeURIComponent(id)}`),

  get: getJson,
  versionPath,
};

// The dashboard reads the same HTTP API as every other client. Errors carry the problem document's detail.
export class ApiError extends Error {
  constructor(status, problem) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function getJson(path, signal) {
  const response = await fetch(path, { headers: { Accept: 'application/json' }, signal, cache: 'no-store' });
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

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
  get: getJson,
  versionPath,
};

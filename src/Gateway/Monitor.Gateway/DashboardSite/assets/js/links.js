// Addresses of the dashboard's pages, for links between them. Pages import these rather than routes.js, which
// imports the pages: no module imports one that imports it back.
export const versionHref = (model, version) => `#/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`;

export const compareHref = (model, a, b) => `#/compare?${new URLSearchParams(Object.entries({ model, a, b }).filter(([, v]) => v))}`;

export const settingsHref = (tab) => `#/settings${tab ? `?tab=${encodeURIComponent(tab)}` : ''}`;

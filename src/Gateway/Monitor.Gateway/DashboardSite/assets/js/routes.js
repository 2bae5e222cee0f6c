// The dashboard's pages. A new page is one module and one line here; `nav` names the top-bar link it
// highlights.
import { createOverviewPage } from './pages/overview.js';
import { createVersionPage } from './pages/version.js';
import { createAlertsPage } from './pages/alerts.js';
import { createComparePage } from './pages/compare.js';

export const routes = [
  { pattern: /^\/$/, nav: 'overview', create: createOverviewPage },
  { pattern: /^\/models\/([^/]+)\/versions\/([^/]+)$/, keys: ['model', 'version'], nav: 'overview', create: createVersionPage },
  { pattern: /^\/alerts$/, nav: 'alerts', create: createAlertsPage },
  { pattern: /^\/compare$/, nav: 'compare', create: createComparePage },
];

export const versionHref = (model, version) => `#/models/${encodeURIComponent(model)}/versions/${encodeURIComponent(version)}`;

export const compareHref = (model, a, b) => `#/compare?${new URLSearchParams(Object.entries({ model, a, b }).filter(([, v]) => v))}`;

// The dashboard's pages. A new page is one module and one line here; `nav` names the top-bar link it
// highlights.
import { createOverviewPage } from './pages/overview.js';
import { createVersionPage } from './pages/version.js';
import { createAlertsPage } from './pages/alerts.js';
import { createComparePage } from './pages/compare.js';
import { createSettingsPage } from './pages/settings.js';

export const routes = [
  { pattern: /^\/$/, nav: 'overview', create: createOverviewPage },
  { pattern: /^\/models\/([^/]+)\/versions\/([^/]+)$/, keys: ['model', 'version'], nav: 'overview', create: createVersionPage },
  { pattern: /^\/alerts$/, nav: 'alerts', create: createAlertsPage },
  { pattern: /^\/compare$/, nav: 'compare', create: createComparePage },
  { pattern: /^\/settings$/, nav: 'settings', create: createSettingsPage },
];

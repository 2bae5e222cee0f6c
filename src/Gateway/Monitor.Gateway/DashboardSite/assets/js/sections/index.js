// The sections of a version page, top to bottom. A section is a module exporting
// { id, title, create({ model, version }) → { element, refresh(ctx, signal) } }; ctx.loader reads the
// API (shared within a refresh). Drift, data quality and label/business sections slot in here.
import { summarySection } from './summary.js';
import { trafficSection } from './traffic.js';
import { outputsSection } from './outputs.js';
import { recordsSection } from './records.js';

export const versionSections = [summarySection, trafficSection, outputsSection, recordsSection];

// The sections of a version page, top to bottom. A section is a module exporting
// { id, title, optional?, create({ model, version }) → { element, refresh(ctx, signal) } }; ctx.loader reads
// the API (shared within a refresh). An optional section starts hidden and shows when refresh does not
// answer false (drift needs a reference, labels need labels).
import { summarySection } from './summary.js';
import { rulesSection } from './rules.js';
import { trafficSection } from './traffic.js';
import { outputsSection } from './outputs.js';
import { driftSection } from './drift.js';
import { dataQualitySection } from './data-quality.js';
import { outcomesSection } from './outcomes.js';
import { recordsSection } from './records.js';
import { segmentsSection } from './segments.js';

export const versionSections = [summarySection, segmentsSection, rulesSection, trafficSection, outputsSection, driftSection, dataQualitySection, outcomesSection, recordsSection];

import type { RenderedTemplate } from './workflow';
import { setUp } from './workflows/00-set-up';
import { scheduledImport } from './workflows/01-scheduled-loop-returns-to-xoro';
import { dateRangeImport } from './workflows/02-import-loop-returns-by-date-range';
import { oneReturnImport } from './workflows/03-import-one-loop-return';
import { asnClosedProcessOrFlag } from './workflows/04-asn-closed-process-or-flag';
import { shopifyOutcomesToXoro } from './workflows/05-shopify-outcomes-to-xoro';
import { giftCardSpentApplyCredit } from './workflows/06-gift-card-spent-apply-credit';
import { errorReport } from './workflows/07-error-report';
import { nightlyReconciliation } from './workflows/08-nightly-reconciliation';

const TEMPLATES = [
	setUp,
	scheduledImport,
	dateRangeImport,
	oneReturnImport,
	asnClosedProcessOrFlag,
	shopifyOutcomesToXoro,
	giftCardSpentApplyCredit,
	errorReport,
	nightlyReconciliation,
];

/** Every template as workflows/ should hold it; throws at the first parameter a node does not have. */
export function renderTemplates(): RenderedTemplate[] {
	return TEMPLATES.map((template) => template().render());
}

/**
 * When a poll must stop paging: n8n gives a poll a time budget (`getPollBudgetMs`); we leave a quarter
 * of it (at most 30 s) for the last request and the run itself. The next poll resumes where this one
 * stopped. Without a budget there is no deadline.
 */
export function pollDeadline(budgetMs: number | undefined, startedAt = Date.now()): number {
	return budgetMs && budgetMs > 0 ? startedAt + budgetMs - Math.min(budgetMs / 4, 30_000) : Number.POSITIVE_INFINITY;
}

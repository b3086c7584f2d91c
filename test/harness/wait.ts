/** Polls `check` every 20 ms until it holds or `ms` pass; for state that changes in this process (simulators). */
export async function eventually(check: () => boolean, ms = 3000): Promise<void> {
	for (const start = Date.now(); !check() && Date.now() - start < ms; ) await new Promise((resolve) => setTimeout(resolve, 20));
}

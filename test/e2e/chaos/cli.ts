/**
 * `npm run chaos`: the chaos run at full size (30 returns, 10% faults). Prints the table; exits 1 on
 * a duplicate, a missing document or a leaked secret.
 */
import { runChaos } from './run';

async function main(): Promise<void> {
	const returns = Number(process.env.CHAOS_RETURNS ?? 30);
	const faultRate = Number(process.env.CHAOS_FAULT_RATE ?? 0.1);
	const result = await runChaos({ name: 'chaos', returns, faultRate, phaseTimeoutMs: 10 * 60_000 });
	for (const leak of result.leaks) console.log(`secret leak: ${leak}`);
	const ok = result.table.duplicates === 0 && result.table.missing === 0 && result.leaks.length === 0;
	console.log(ok ? 'chaos: 0 duplicates, 0 missing, no secret found' : 'chaos: FAILED');
	process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});

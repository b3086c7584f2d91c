/**
 * What makes the demo move on its own: a customer starts a new Loop return every two minutes, and
 * the warehouse receives and closes each new RMA ASN a minute after it appears — every third one
 * short, so both Process and Flag show up in Loop.
 */
import type { Simulators } from '../simulators';

const NEW_RETURN_EVERY_MS = 120_000;
const RECEIVE_AFTER_MS = 60_000;
const TICK_MS = 15_000;

export function driveDemoStory(sims: Simulators, log: (line: string) => void): () => void {
	const { scenario, loop, xoro } = sims;
	const firstSeen = new Map<string, number>();
	let started = 0;
	let lastReturnAt = 0;
	let processedLogged = 0;

	const tick = () => {
		const now = Date.now();
		for (const processed of loop.processedEvents.slice(processedLogged)) {
			log(`Loop processed return ${processed.returnId}: its ${processed.outcome} is now in Shopify`);
		}
		processedLogged = loop.processedEvents.length;
		if (now - lastReturnAt >= NEW_RETURN_EVERY_MS) {
			lastReturnAt = now;
			const template = scenario.returns[started % 3];
			const created = loop.addReturn({
				orderId: template.orderId,
				outcome: template.outcome,
				lines: template.lines.map((line, i) => ({ ...line, lineItemId: `${9_000_000 + started * 10 + i}` })),
			});
			started += 1;
			log(`customer started Loop return ${created.id} (${template.outcome})`);
		}
		for (const asn of xoro.state.asns) {
			const { AsnNumber, StatusName } = asn.AsnHeaderData;
			if (StatusName !== 'Open') continue;
			const seen = firstSeen.get(AsnNumber) ?? now;
			firstSeen.set(AsnNumber, seen);
			if (now - seen < RECEIVE_AFTER_MS) continue;
			const short = firstSeen.size % 3 === 0;
			const lines = asn.AsnDetailData.map((line, i) => ({
				ItemNumber: line.ItemNumber,
				QtyReceived: short && i === 0 ? Math.max(0, line.BaseQtyToReceive - line.received - 1) : line.BaseQtyToReceive - line.received,
			}));
			xoro.receiveAsn(AsnNumber, lines, true);
			log(`warehouse received and closed ASN ${AsnNumber}${short ? ' (one unit short)' : ''}`);
		}
	};
	const timer = setInterval(tick, TICK_MS);
	return () => clearInterval(timer);
}

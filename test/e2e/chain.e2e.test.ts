/**
 * The whole chain in a real n8n 2.41.0 with the shipped templates, single process (SQLite) and in
 * queue mode (main + 2 workers on PostgreSQL + Redis): the same story, the same assertions. The
 * single-process run's Xoro tenant is on the new RMA process (README, "Xoro's RMA process").
 */
import { chainStory } from './chain/story';

chainStory({
	label: 'single process (SQLite), TZ=America/New_York, Xoro tenant on the new RMA process',
	name: 'chain-sqlite',
	rmaProcess: 'new',
	tz: 'America/New_York',
});
chainStory({ label: 'queue mode (main + 2 workers, PostgreSQL, Redis), TZ=Asia/Kolkata', name: 'chain-queue', workers: 2, tz: 'Asia/Kolkata' });

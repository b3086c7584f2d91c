/**
 * The whole chain in a real n8n 2.41.0 with the shipped templates, single process (SQLite) and in
 * queue mode (main + 2 workers on PostgreSQL + Redis): the same story, the same assertions.
 */
import { chainStory } from './chain/story';

chainStory({ label: 'single process (SQLite)', name: 'chain-sqlite' });
chainStory({ label: 'queue mode (main + 2 workers, PostgreSQL, Redis)', name: 'chain-queue', workers: 2 });

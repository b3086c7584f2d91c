import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

interface TemplateNode {
	name: string;
	type: string;
	position: [number, number];
	parameters: { width?: number; height?: number };
}

// n8n draws a node about 100 × 100 from its position; a sticky note spans its width and height.
const NODE_SIZE = 100;
const dir = join(__dirname, '..', 'workflows');

function coveredNodes(nodes: TemplateNode[]): string[] {
	const notes = nodes.filter((n) => n.type === 'n8n-nodes-base.stickyNote');
	const others = nodes.filter((n) => n.type !== 'n8n-nodes-base.stickyNote');
	return notes.flatMap((note) => {
		const [x, y] = note.position;
		const [w, h] = [note.parameters.width ?? 240, note.parameters.height ?? 160];
		return others
			.filter(({ position: [nx, ny] }) => nx + NODE_SIZE > x && nx < x + w && ny + NODE_SIZE > y && ny < y + h)
			.map((n) => `${note.name} covers ${n.name}`);
	});
}

describe('templates read well on the canvas', () => {
	it('the check finds a note that covers a node', () => {
		const note = { name: 'Note', type: 'n8n-nodes-base.stickyNote', position: [0, 0], parameters: { width: 300, height: 200 } };
		const node = { name: 'Node', type: 'x', position: [150, 150], parameters: {} };
		expect(coveredNodes([note, node] as TemplateNode[])).toEqual(['Note covers Node']);
	});

	it.each(readdirSync(dir).filter((f) => f.endsWith('.json')))('%s: no sticky note covers a node', (file) => {
		const { nodes } = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: TemplateNode[] };
		expect(coveredNodes(nodes)).toEqual([]);
	});
});

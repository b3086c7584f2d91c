import { stableId } from './stableId';
import { base, type StickyNoteParameters } from './stockNodes';

export type Position = [number, number];

/** A node type a template can place: what it is called in n8n, the version the template is written
 *  for, and a check of the parameters a template sets on it (`where` names template and node). */
export interface NodeType<P> {
	type: string;
	typeVersion: number;
	check(where: string, parameters: P): void;
}

export type OnError = 'continueErrorOutput' | 'continueRegularOutput';

/** A node's settings besides its parameters. */
export interface NodeSettings {
	credentials?: Record<string, { name: string }>;
	onError?: OnError;
	alwaysOutputData?: boolean;
	executeOnce?: boolean;
	webhookId?: string;
}

export interface TemplateNode extends NodeSettings {
	parameters: object;
	id: string;
	name: string;
	type: string;
	typeVersion: number;
	position: Position;
}

interface Connection {
	node: string;
	type: 'main';
	index: 0;
}

export interface RenderedTemplate {
	file: string;
	json: string;
}

/** The workflow every other template names as its error workflow (Workflow settings → Error workflow). */
export const ERROR_WORKFLOW_ID = 'LoopXoroErrorRpt';

// n8n draws a node about 100 × 100 from its position; a sticky note spans its width and height.
const NODE_SIZE = 100;

export class Workflow {
	private readonly nodes: TemplateNode[] = [];
	private readonly connections: Record<string, { main: Connection[][] }> = {};

	constructor(
		readonly file: string,
		readonly id: string,
		readonly name: string,
		readonly description: string,
	) {}

	/** Places a node; returns its name, for links. Throws when the parameters do not fit the node type. */
	node<P extends object>(name: string, nodeType: NodeType<P>, parameters: NoInfer<P>, position: Position, settings: NodeSettings = {}): string {
		const where = `${this.file}: node '${name}' (${nodeType.type})`;
		if (this.nodes.some((n) => n.name === name)) throw new Error(`${where}: the name is taken`);
		nodeType.check(where, parameters);
		const { type, typeVersion } = nodeType;
		// Credentials right after the position, then the other settings, as workflows/ has always had them.
		const { credentials, ...rest } = settings;
		this.nodes.push({ parameters, id: stableId(this.id, name), name, type, typeVersion, position, ...(credentials && { credentials }), ...rest });
		return name;
	}

	sticky(name: string, content: string, position: Position, width: number, height: number, color?: StickyNoteParameters['color']): void {
		this.node(name, base.stickyNote, { content, height, width, ...(color === undefined ? {} : { color }) }, position);
	}

	/** Gives a node placed earlier an error output, for a part of the template that links from it. */
	onError(name: string, onError: OnError): void {
		this.find(name).onError = onError;
	}

	link(source: string, target: string, output = 0): void {
		this.find(source);
		this.find(target);
		const outputs = (this.connections[source] ??= { main: [] }).main;
		while (outputs.length <= output) outputs.push([]);
		outputs[output].push({ node: target, type: 'main', index: 0 });
	}

	chain(...names: string[]): void {
		names.slice(1).forEach((target, i) => this.link(names[i], target));
	}

	/** The JSON n8n imports, as workflows/ holds it. Throws when a sticky note covers a node. */
	render(): RenderedTemplate {
		const covered = coveredNodes(this.nodes);
		if (covered.length > 0) throw new Error(`${this.file}: ${covered.join('; ')}`);
		const settings = {
			executionOrder: 'v1',
			saveManualExecutions: true,
			callerPolicy: 'workflowsFromSameOwner',
			...(this.id === ERROR_WORKFLOW_ID ? {} : { errorWorkflow: ERROR_WORKFLOW_ID }),
		};
		const workflow = {
			id: this.id,
			name: this.name,
			description: this.description,
			active: false,
			nodes: this.nodes,
			connections: this.connections,
			settings,
			pinData: {},
			tags: [],
			meta: { templateCredsSetupCompleted: false },
		};
		return { file: this.file, json: `${JSON.stringify(workflow, null, 2)}\n` };
	}

	private find(name: string): TemplateNode {
		const node = this.nodes.find((n) => n.name === name);
		if (!node) throw new Error(`${this.file}: no node '${name}'`);
		return node;
	}
}

/** "<note> covers <node>" for every node a sticky note lies over, where it would hide the node on the canvas. */
export function coveredNodes(nodes: TemplateNode[]): string[] {
	const notes = nodes.filter((n) => n.type === base.stickyNote.type);
	const others = nodes.filter((n) => n.type !== base.stickyNote.type);
	return notes.flatMap((note) => {
		const [x, y] = note.position;
		const { width, height } = note.parameters as StickyNoteParameters;
		return others
			.filter(({ position: [nx, ny] }) => nx + NODE_SIZE > x && nx < x + width && ny + NODE_SIZE > y && ny < y + height)
			.map((n) => `sticky note '${note.name}' covers node '${n.name}'`);
	});
}

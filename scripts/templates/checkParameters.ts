import {
	NodeHelpers,
	type INodeParameters,
	type INodeProperties,
	type INodePropertyCollection,
	type INodePropertyOptions,
	type INodeTypeDescription,
} from 'n8n-workflow';

// What a template sets on one of our nodes, read against the node's own description the way the editor
// reads it: each parameter exists and is shown for the values around it (resource, operation, …), an
// option is one the node offers, and a collection holds only the keys it declares. Expressions are
// taken as they are: what they evaluate to is known only when the workflow runs.

export function checkParameters(
	where: string,
	description: INodeTypeDescription,
	typeVersion: number,
	parameters: INodeParameters,
): void {
	const versions = [description.version].flat();
	if (!versions.includes(typeVersion)) {
		throw new Error(`${where}: typeVersion ${typeVersion} is not one the node declares (${versions.join(', ')})`);
	}
	const node = { typeVersion };
	// n8n decides what is shown from the values with every default filled in.
	const values = NodeHelpers.getNodeParameters(description.properties, parameters, true, false, node, description) ?? {};
	for (const [name, value] of Object.entries(parameters)) {
		const declared = description.properties.filter((property) => property.name === name);
		if (declared.length === 0) throw new Error(`${where}: the node has no parameter '${name}'`);
		const shown = declared.find((property) => NodeHelpers.displayParameter(values, property, node, description));
		if (!shown) throw new Error(`${where}: parameter '${name}' is not shown for ${deciding(declared, values)}`);
		checkValue(where, name, shown, value);
	}
}

/** The values that decide whether any of `declared` is shown, e.g. 'resource "asn", operation "get"'. */
function deciding(declared: INodeProperties[], values: INodeParameters): string {
	const keys = new Set(declared.flatMap((p) => Object.keys({ ...p.displayOptions?.show, ...p.displayOptions?.hide })));
	return [...keys].map((key) => `${key} ${JSON.stringify(values[key])}`).join(', ');
}

function checkValue(where: string, path: string, property: INodeProperties, value: unknown): void {
	if (typeof value === 'string' && value.startsWith('=')) return;
	switch (property.type) {
		case 'options':
			return expectOffered(where, path, property, [value]);
		case 'multiOptions':
			if (!Array.isArray(value)) throw new Error(`${where}: parameter '${path}' must be a list`);
			return expectOffered(where, path, property, value);
		case 'collection':
			return checkKeys(where, path, property.options as INodeProperties[], value);
		case 'fixedCollection':
			return checkFixedCollection(where, path, property, value);
		case 'resourceLocator': {
			const modes = (property.modes ?? []).map((mode) => mode.name);
			const mode = isObject(value) ? value.mode : undefined;
			if (modes.includes(String(mode))) return;
			throw new Error(`${where}: parameter '${path}' has mode ${JSON.stringify(mode)}, not one of ${modes.join(', ')}`);
		}
		case 'boolean':
		case 'number':
			return expectType(where, path, property.type, value);
		case 'string':
		case 'dateTime':
			return expectType(where, path, 'string', value);
	}
}

function expectOffered(where: string, path: string, property: INodeProperties, values: unknown[]): void {
	// Options loaded from the service while editing are not known here.
	if (!property.options) return;
	const offered = (property.options as INodePropertyOptions[]).map((option) => option.value);
	for (const value of values) {
		if (!offered.includes(value as INodePropertyOptions['value'])) {
			throw new Error(`${where}: parameter '${path}' is ${JSON.stringify(value)}, not one of ${offered.join(', ')}`);
		}
	}
}

function checkKeys(where: string, path: string, children: INodeProperties[], value: unknown): void {
	if (!isObject(value)) throw new Error(`${where}: parameter '${path}' must be an object`);
	for (const [key, child] of Object.entries(value)) {
		const property = children.find((p) => p.name === key);
		if (!property) throw new Error(`${where}: parameter '${path}' has no '${key}'`);
		checkValue(where, `${path}.${key}`, property, child);
	}
}

function checkFixedCollection(where: string, path: string, property: INodeProperties, value: unknown): void {
	if (!isObject(value)) throw new Error(`${where}: parameter '${path}' must be an object`);
	for (const [group, entries] of Object.entries(value)) {
		const declared = (property.options as INodePropertyCollection[]).find((option) => option.name === group);
		if (!declared) throw new Error(`${where}: parameter '${path}' has no '${group}'`);
		if (property.typeOptions?.multipleValues) {
			if (!Array.isArray(entries)) throw new Error(`${where}: parameter '${path}.${group}' must be a list`);
			entries.forEach((entry, i) => checkKeys(where, `${path}.${group}[${i}]`, declared.values, entry));
		} else {
			checkKeys(where, `${path}.${group}`, declared.values, entries);
		}
	}
}

function expectType(where: string, path: string, type: 'boolean' | 'number' | 'string', value: unknown): void {
	if (typeof value !== type) throw new Error(`${where}: parameter '${path}' must be a ${type}, not ${JSON.stringify(value)}`);
}

function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

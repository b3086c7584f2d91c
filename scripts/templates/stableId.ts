import { createHash } from 'node:crypto';

// An RFC 4122 name-based UUID (version 5: SHA-1, URL namespace) of "<scope>/<name>": the same on every
// run, so regenerating changes no ID and workflows/ changes only where a template does.
const URL_NAMESPACE = Buffer.from('6ba7b8119dad11d180b400c04fd430c8', 'hex');

export function stableId(scope: string, name: string): string {
	const bytes = createHash('sha1').update(URL_NAMESPACE).update(`${scope}/${name}`, 'utf8').digest().subarray(0, 16);
	bytes[6] = (bytes[6] & 0x0f) | 0x50;
	bytes[8] = (bytes[8] & 0x3f) | 0x80;
	const hex = bytes.toString('hex');
	return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join('-');
}

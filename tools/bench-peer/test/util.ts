// Small helpers for readable assertions on peer results.
export const text = (bytes: Uint8Array | null) => (bytes === null ? null : new TextDecoder().decode(bytes));
export const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
export const b64 = (s: string) => Buffer.from(s).toString('base64');
/** State as { utf8 key: hex value } for keys that are text (near-sdk-as) */
export function textState(state: Map<string, string>): Record<string, string> {
  return Object.fromEntries([...state].map(([k, v]) => [Buffer.from(k, 'base64').toString('latin1'), Buffer.from(v, 'base64').toString('latin1')]));
}

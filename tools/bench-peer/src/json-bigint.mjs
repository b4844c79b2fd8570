// near-mock-vm reports receipts as serde_json text in which u128 deposits and u64 gas are bare
// JSON numbers (e.g. 75500000000000000000000); JSON.parse would round them to doubles. This parses
// such text with every integer literal as a bigint, matching the project's "u64/u128 are bigint" rule.
const TOKEN = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
const MARK = '$bigint';

export function parseJsonWithBigInts(text) {
  const marked = text.replace(TOKEN, (tok) => (/^-?\d+$/.test(tok) ? `{"${MARK}":"${tok}"}` : tok));
  return JSON.parse(marked, (_key, value) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const keys = Object.keys(value);
      if (keys.length === 1 && keys[0] === MARK) return BigInt(value[MARK]);
    }
    return value;
  });
}

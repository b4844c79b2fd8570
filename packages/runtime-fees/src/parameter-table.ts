/**
 * A parameter table: parameter name → value, parsed from a base file and changed by diff
 * files, with nearcore's rules (core/parameters/src/parameter_table.rs): unknown names are
 * errors, and a diff's `old` side must equal the current value (absent `old` = must be unset).
 */
import { parse } from 'yaml';
import {
  InvalidParameterValueError,
  ParameterDiffError,
  ParameterFileError,
  UnknownParameterError,
} from './errors.js';
import { isParameterName, parameterOrder, type ParameterName } from './parameter-names.js';
import {
  formatParameterValue,
  parameterValueEquals,
  parseParameterValue,
  type ParameterValue,
} from './parameter-value.js';

export type ParameterTable = ReadonlyMap<ParameterName, ParameterValue>;

/** One changed parameter: `before` must match the table; `after` undefined removes it. */
export interface ParameterChange {
  readonly before: ParameterValue | undefined;
  readonly after: ParameterValue | undefined;
}

export type ParameterTableDiff = ReadonlyMap<ParameterName, ParameterChange>;

function parseYamlMapping(text: string, source: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = parse(text, { intAsBigInt: true });
  } catch (err) {
    throw new ParameterFileError(source, `could not parse YAML: ${(err as Error).message}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new ParameterFileError(source, 'the document must be a YAML mapping');
  }
  return doc as Record<string, unknown>;
}

function typedKey(key: string): ParameterName {
  if (!isParameterName(key)) throw new UnknownParameterError(key);
  return key;
}

/** Sorts entries into nearcore's enum order, so iteration order never depends on file order. */
function sorted<T>(entries: Array<[ParameterName, T]>): Map<ParameterName, T> {
  entries.sort((a, b) => parameterOrder(a[0]) - parameterOrder(b[0]));
  return new Map(entries);
}

/** Parses a base parameter file such as `parameters.yaml`. */
export function parseParameterTable(text: string, source = 'parameter file'): ParameterTable {
  const doc = parseYamlMapping(text, source);
  return sorted(
    Object.entries(doc).map(([key, raw]) => {
      const name = typedKey(key);
      return [name, parseParameterValue(name, raw)];
    }),
  );
}

/** Parses a diff file such as `84.yaml`: every entry is `{ old?: value, new?: value }`. */
export function parseParameterTableDiff(text: string, source = 'parameter diff'): ParameterTableDiff {
  const doc = parseYamlMapping(text, source);
  return sorted(
    Object.entries(doc).map(([key, raw]) => {
      const name = typedKey(key);
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
        throw new InvalidParameterValueError(name, 'a diff entry must be a mapping `{ old, new }`');
      }
      const { old: before, new: after } = raw as { old?: unknown; new?: unknown };
      const change: ParameterChange = {
        before: before === undefined || before === null ? undefined : parseParameterValue(name, before),
        after: after === undefined || after === null ? undefined : parseParameterValue(name, after),
      };
      return [name, change];
    }),
  );
}

/** Returns a new table with `diff` applied; `diffVersion` only labels errors. */
export function applyParameterDiff(
  table: ParameterTable,
  diff: ParameterTableDiff,
  diffVersion: number,
): ParameterTable {
  const next = new Map(table);
  for (const [name, { before, after }] of diff) {
    const current = table.get(name);
    const matches =
      current === undefined || before === undefined
        ? current === before
        : parameterValueEquals(current, before);
    if (!matches) {
      const reason =
        current === undefined
          ? `unexpected old value \`${formatParameterValue(before!).trim()}\`, the previous version does not have this parameter`
          : before === undefined
            ? `expected the diff to give the old value \`${formatParameterValue(current).trim()}\``
            : `old value \`${formatParameterValue(before).trim()}\` does not match the current \`${formatParameterValue(current).trim()}\``;
      throw new ParameterDiffError(name, diffVersion, reason);
    }
    if (after === undefined) next.delete(name);
    else next.set(name, after);
  }
  return sorted([...next.entries()]);
}

/** The table as nearcore prints it in `parameters.snap` (name padded to 40, then the value). */
export function formatParameterTable(table: ParameterTable): string {
  let out = '';
  for (const [name, value] of sorted([...table.entries()])) {
    out += `${name.padEnd(40)}${formatParameterValue(value)}\n`;
  }
  return out;
}

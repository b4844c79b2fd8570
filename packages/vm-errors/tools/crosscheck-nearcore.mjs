// Cross-checks this package against nearcore's source text (run after `pnpm run build`):
//
//   git -C <nearcore> show HEAD:core/primitives/src/errors.rs > /tmp/errors.rs
//   git -C <nearcore> show HEAD:runtime/near-vm-runner/src/logic/errors.rs > /tmp/vm-errors.rs
//   node packages/vm-errors/tools/crosscheck-nearcore.mjs /tmp/errors.rs /tmp/vm-errors.rs
//
// 1. Every enum's variants, their order, borsh discriminants and field names against our tables.
// 2. Every `write!(f, "...", args)` arm of nearcore's Display impls: the format string is
//    interpreted with sample data (`{}` → the field type's Display, `{:?}` → its Debug) and
//    compared with our display function. Arms that branch or delegate are listed for review.
import { readFileSync } from 'node:fs';
import * as lib from '../dist/index.js';

const [primitivesPath, vmPath] = process.argv.slice(2);
const primitives = stripComments(readFileSync(primitivesPath, 'utf8'));
const vm = stripComments(readFileSync(vmPath, 'utf8'));
let failures = 0;
const review = [];

function stripComments(src) {
  return src.replace(/^\s*\/\/.*$/gm, '').replace(/#\[[^\]]*\]/g, '');
}

function block(src, header) {
  const start = src.indexOf(header);
  if (start < 0) throw new Error(`not found: ${header}`);
  const open = src.indexOf('{', start);
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === '{') depth++;
    else if (src[i] === '}' && --depth === 0) return src.slice(open + 1, i);
  }
  throw new Error(`unbalanced: ${header}`);
}

function splitTop(text, sep = ',') {
  const parts = [];
  let depth = 0;
  let inString = false;
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      current += c;
      if (c === '\\') current += text[++i];
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if ('({[<'.includes(c)) depth++;
    if (')}]>'.includes(c)) depth--;
    if (c === sep && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else current += c;
  }
  if (current.trim()) parts.push(current.trim());
  return parts;
}

function parseEnum(src, name) {
  return splitTop(block(src, `pub enum ${name} {`)).map((v) => {
    const m = /^(\w+)\s*(\{[\s\S]*\}|\([\s\S]*\))?\s*(?:=\s*(\d+))?$/.exec(v.replace(/\s+/g, ' ').trim());
    if (!m) throw new Error(`cannot parse variant of ${name}: ${v}`);
    const fields = m[2]?.startsWith('{') ? splitTop(m[2].slice(1, -1)).map((f) => f.split(':')[0].replace(/^pub\s+/, '').trim()) : null;
    return { name: m[1], fields, tuple: m[2]?.startsWith('(') ?? false, tag: m[3] === undefined ? null : Number(m[3]) };
  });
}

function check(label, ok, detail) {
  if (!ok) {
    failures++;
    console.log(`FAIL ${label}: ${detail}`);
  }
}

function checkEnum(src, rustName, spec, { tags = true } = {}) {
  const rust = parseEnum(src, rustName);
  const ours = Object.entries(spec.variants ?? spec.tags);
  check(`${rustName} variants`, rust.map((v) => v.name).join() === ours.map(([k]) => k).join(),
    `nearcore ${rust.map((v) => v.name).join()} vs ours ${ours.map(([k]) => k).join()}`);
  for (const v of rust) {
    const mine = (spec.variants ?? spec.tags)[v.name];
    if (mine === undefined) continue;
    const myTag = typeof mine === 'number' || mine === null ? mine : mine.tag;
    if (tags) check(`${rustName}.${v.name} tag`, myTag === v.tag, `nearcore ${v.tag} vs ours ${myTag}`);
    if (v.fields && typeof mine === 'object' && mine !== null) {
      const myFields = mine.fields ? Object.keys(mine.fields).join() : `(newtype ${mine.newtype})`;
      check(`${rustName}.${v.name} fields`, myFields === v.fields.join(), `nearcore ${v.fields.join()} vs ours ${myFields}`);
    }
    if (!v.fields && !v.tuple && typeof mine === 'object' && mine !== null) {
      check(`${rustName}.${v.name} shape`, mine.unit === true, 'nearcore has a unit variant');
    }
  }
}

// --- 1. enums -------------------------------------------------------------------------------
checkEnum(primitives, 'TxExecutionError', lib.TX_EXECUTION_ERROR_SPEC);
checkEnum(primitives, 'InvalidTxError', lib.INVALID_TX_ERROR_SPEC);
checkEnum(primitives, 'InvalidAccessKeyError', lib.INVALID_ACCESS_KEY_ERROR_SPEC);
checkEnum(primitives, 'DepositCostFailureReason', lib.DEPOSIT_COST_FAILURE_REASON_SPEC);
checkEnum(primitives, 'ActionsValidationError', lib.ACTIONS_VALIDATION_ERROR_SPEC);
checkEnum(primitives, 'ReceiptValidationError', lib.RECEIPT_VALIDATION_ERROR_SPEC);
checkEnum(primitives, 'ActionErrorKind', lib.ACTION_ERROR_KIND_SPEC);
checkEnum(primitives, 'StorageError', lib.STORAGE_ERROR_SPEC);
checkEnum(primitives, 'MissingTrieValueContext', lib.MISSING_TRIE_VALUE_CONTEXT_SPEC);
checkEnum(primitives, 'PrepareError', lib.ONCHAIN_PREPARE_ERROR_SPEC);
checkEnum(primitives, 'WasmTrap', lib.WASM_TRAP_SPEC);
checkEnum(primitives, 'HostError', lib.LEGACY_HOST_ERROR_SPEC);
checkEnum(primitives, 'MethodResolveError', lib.METHOD_RESOLVE_ERROR_SPEC);
checkEnum(primitives, 'CompilationError', lib.ONCHAIN_COMPILATION_ERROR_SPEC);
checkEnum(primitives, 'FunctionCallError', lib.ONCHAIN_FUNCTION_CALL_ERROR_SPEC);
checkEnum(primitives, 'RuntimeError', lib.RUNTIME_ERROR_SPEC, { tags: false });
checkEnum(vm, 'PrepareError', lib.PREPARE_ERROR_SPEC);
checkEnum(vm, 'CompilationError', lib.COMPILATION_ERROR_SPEC);
checkEnum(vm, 'FunctionCallError', lib.FUNCTION_CALL_ERROR_SPEC, { tags: false });
checkEnum(vm, 'VMRunnerError', lib.VM_RUNNER_ERROR_SPEC, { tags: false });
checkEnum(vm, 'CacheError', lib.CACHE_ERROR_SPEC, { tags: false });
{
  // Our HostError table keeps the legacy IteratorWasInvalidated; compare the rest.
  const { IteratorWasInvalidated: _legacy, ...current } = lib.HOST_ERROR_SPEC.variants;
  checkEnum(vm, 'HostError', { variants: current }, { tags: false });
}

// --- 2. Display arms ------------------------------------------------------------------------
let counter = 0;
function sample(type) {
  const i = ++counter;
  if (typeof type === 'string') {
    switch (type) {
      case 'u64': return 1000n + BigInt(i);
      case 'gas': return 300n * 10n ** 12n + BigInt(i) * 10n ** 9n + 1n;
      case 'balance': return 1234567n * 10n ** 18n + BigInt(i);
      case 'u32': case 'u16': return 7 + i;
      case 'notNanF64': return 0.5625;
      case 'accountId': return `acc${i}.near`;
      case 'string': return `s"${i}\\\u00a0`;
      case 'publicKey': return `ed25519:Key${i}`;
      case 'cryptoHash': return `Hash${i}`;
      case 'debugText': return `Debug${i}`;
    }
  }
  if ('option' in type) return sample(type.option);
  if ('names' in type) return Object.keys(type.names.tags)[0];
  if ('struct' in type) return Object.fromEntries(Object.entries(type.struct.fields).map(([f, t]) => [f, sample(t)]));
  return sampleOf(type.union, Object.keys(type.union.variants)[0]);
}
function sampleOf(spec, kind) {
  const v = spec.variants[kind];
  if (v.unit) return { kind };
  if (v.newtype) return { kind, [v.newtype]: sample(v.type) };
  return { kind, ...Object.fromEntries(Object.entries(v.fields).map(([f, t]) => [f, sample(t)])) };
}

const displayByUnion = {
  ActionsValidationError: lib.displayActionsValidationError,
  ReceiptValidationError: lib.displayReceiptValidationError,
  StorageError: lib.displayStorageError,
  InvalidAccessKeyError: lib.displayInvalidAccessKeyError,
  InvalidTxError: lib.displayInvalidTxError,
  ActionErrorKind: lib.displayActionErrorKind,
};

// Fields whose Rust type has a Display our table's type does not carry.
const displayOverride = { 'HostError.RecordedStorageExceeded.limit': lib.displayByteSize };

function renderDisplay(type, value, precision) {
  if (typeof type === 'object' && 'names' in type && type.names.name === 'PrepareError') return lib.displayPrepareError(value);
  if (typeof type === 'string') {
    switch (type) {
      case 'gas': return lib.displayNearGas(value);
      case 'balance': return lib.displayNearToken(value);
      case 'notNanF64': return precision === undefined ? String(value) : lib.rustFixed(value, precision);
      default: return String(value);
    }
  }
  if ('union' in type) return displayByUnion[type.union.name](value);
  throw new Error(`no Display for ${JSON.stringify(type)}`);
}

function interpret(fmt, args, resolve) {
  let out = '';
  let positional = 0;
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c === '{' && fmt[i + 1] === '{') { out += '{'; i++; continue; }
    if (c === '}' && fmt[i + 1] === '}') { out += '}'; i++; continue; }
    if (c !== '{') { out += c; continue; }
    const end = fmt.indexOf('}', i);
    const spec = fmt.slice(i + 1, end);
    i = end;
    const [name, format = ''] = spec.split(':');
    const arg = name === '' ? args[positional++] : name;
    const { type, value } = resolve(arg);
    if (format === '?') out += lib.fieldToDebug(type, value, arg);
    else if (format.startsWith('.')) out += renderDisplay(type, value, Number(format.slice(1)));
    else out += renderDisplay(type, value);
  }
  return out;
}

function unescapeRust(literal) {
  return literal.replace(/\\(["\\n])/g, (_, c) => (c === 'n' ? '\n' : c));
}

function checkDisplay(src, header, spec, display, prefix) {
  const whole = block(src, header);
  const body = whole.slice(whole.indexOf('match self'));
  const armRe = new RegExp(`${prefix}(\\w+)\\s*(\\{[^}]*\\}|\\([^)]*\\))?\\s*=>`, 'g');
  const arms = [...body.matchAll(armRe)].filter((m) => Object.hasOwn(spec.variants, m[1]));
  const seen = new Set();
  arms.forEach((m, index) => {
    const kind = m[1];
    seen.add(kind);
    const armText = body.slice(m.index + m[0].length, arms[index + 1]?.index ?? body.length);
    const write = /^\{?\s*write!\(\s*f,\s*"((?:[^"\\]|\\.)*)"\s*,?([\s\S]*?)\)[\s,}]*$/.exec(armText.trim());
    if (!write || /\bmatch\s+\w+\s*\{|\bif let\b/.test(armText)) {
      review.push(`${spec.name}.${kind}: ${armText.trim().replace(/\s+/g, ' ').slice(0, 90)}`);
      return;
    }
    const data = sampleOf(spec, kind);
    const variant = spec.variants[kind];
    const args = splitTop(write[2]).filter(Boolean);
    const resolve = (arg) => {
      const override = displayOverride[`${spec.name}.${kind}.${arg}`];
      if (override) return { type: 'debugText', value: override(data[arg]) };
      if (variant.fields && arg in variant.fields) return { type: variant.fields[arg], value: data[arg] };
      if (variant.newtype) return { type: variant.type, value: data[variant.newtype] };
      throw new Error(`${spec.name}.${kind}: unknown argument ${arg}`);
    };
    let expected;
    try {
      expected = interpret(unescapeRust(write[1]), args, resolve);
    } catch (error) {
      review.push(`${spec.name}.${kind}: ${error.message}`);
      return;
    }
    const actual = display(data);
    check(`${spec.name}.${kind} Display`, actual === expected, `\n   nearcore ${JSON.stringify(expected)}\n   ours     ${JSON.stringify(actual)}`);
  });
  for (const kind of Object.keys(spec.variants)) {
    if (!seen.has(kind)) review.push(`${spec.name}.${kind}: no arm found in ${header}`);
  }
}

checkDisplay(primitives, 'impl Display for InvalidTxError', lib.INVALID_TX_ERROR_SPEC, lib.displayInvalidTxError, 'InvalidTxError::');
checkDisplay(primitives, 'impl Display for InvalidAccessKeyError', lib.INVALID_ACCESS_KEY_ERROR_SPEC, lib.displayInvalidAccessKeyError, 'InvalidAccessKeyError::');
checkDisplay(primitives, 'impl Display for ActionsValidationError', lib.ACTIONS_VALIDATION_ERROR_SPEC, lib.displayActionsValidationError, 'ActionsValidationError::');
checkDisplay(primitives, 'impl Display for ReceiptValidationError', lib.RECEIPT_VALIDATION_ERROR_SPEC, lib.displayReceiptValidationError, 'ReceiptValidationError::');
checkDisplay(primitives, 'impl Display for ActionErrorKind', lib.ACTION_ERROR_KIND_SPEC, lib.displayActionErrorKind, 'ActionErrorKind::');
checkDisplay(vm, 'impl std::fmt::Display for HostError', lib.HOST_ERROR_SPEC, lib.displayHostError, '');
checkDisplay(vm, 'impl fmt::Display for CompilationError', lib.COMPILATION_ERROR_SPEC, lib.displayCompilationError, 'CompilationError::');
{
  const body = block(vm, 'impl fmt::Display for PrepareError');
  for (const [, kind, text] of body.matchAll(/(\w+) => "((?:[^"\\]|\\.)*)"/g)) {
    check(`PrepareError.${kind} Display`, lib.displayPrepareError(kind) === unescapeRust(text), `nearcore ${text}`);
  }
  const traps = block(vm, 'impl fmt::Display for WasmTrap');
  for (const [, kind, text] of traps.matchAll(/WasmTrap::(\w+) =>\s*\{?\s*write!\(f, "((?:[^"\\]|\\.)*)"\)/g)) {
    check(`WasmTrap.${kind} Display`, lib.WASM_TRAP_MESSAGES[kind] === unescapeRust(text), `nearcore ${text}`);
  }
  const runner = block(vm, 'pub enum VMRunnerError {');
  for (const [, text, kind] of runner.matchAll(/error\("([^"]*)"\)\]?\s*(\w+)/g)) review.push(`VMRunnerError.${kind} thiserror text: "${text}"`);
}

console.log(`\nneeds a human look (${review.length}):\n  ${review.join('\n  ')}`);
console.log(failures === 0 ? '\nall checks passed' : `\n${failures} check(s) failed`);
process.exitCode = failures === 0 ? 0 : 1;

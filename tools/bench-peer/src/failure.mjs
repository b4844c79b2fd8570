// Turns how a failed call surfaced into a structured error.
//
// near-mock-vm unwraps every host-function Result, so a host error (including the contract's own
// panic through env.panic/panic_utf8/abort) becomes a Rust panic inside the VM: its hook prints
//   panicked at 'called `Result::unwrap()` on an `Err` value: HostError(GuestPanic { panic_msg: "..." })', <file>:<line>:<col>
// through console.error and the VM executes `unreachable`, which unwinds through the contract as a
// WebAssembly.RuntimeError. A trap in the contract's own code is a RuntimeError with no panic text.

const UNWRAP = /^panicked at 'called `Result::unwrap\(\)` on an `Err` value: ([\s\S]*)', [^\n]*:\d+:\d+/;
const HOST_ERROR = /^HostError\((\w+)([\s\S]*)\)$/;
const PANIC_MSG = /^ \{ panic_msg: "((?:[^"\\]|\\.)*)" \}$/;

/** Undoes Rust's `{:?}` string escaping. */
function unescapeRustDebug(s) {
  return s.replace(/\\(u\{([0-9a-fA-F]+)\}|.)/g, (_, esc, hex) => {
    if (hex !== undefined) return String.fromCodePoint(parseInt(hex, 16));
    return { n: '\n', r: '\r', t: '\t', '0': '\0' }[esc] ?? esc;
  });
}

/** The `Err` value of an unwrap panic (e.g. "Deserialization"), else the panic's first line. */
export function panicSummary(text) {
  const unwrap = UNWRAP.exec(text);
  return unwrap ? unwrap[1] : text.split('\n')[0];
}

/**
 * @param {unknown} thrown what the contract's export call threw
 * @param {string[]} panics console.error lines the Rust VM printed during the call
 */
export function classifyFailure(thrown, panics) {
  if (panics.length > 0) {
    const text = panics[0];
    const unwrap = UNWRAP.exec(text);
    if (unwrap) {
      const debug = unwrap[1];
      const host = HOST_ERROR.exec(debug);
      if (host) {
        const error = { kind: 'HostError', hostError: host[1], message: debug };
        const msg = PANIC_MSG.exec(host[2]);
        if (host[1] === 'GuestPanic' && msg) error.panicMsg = unescapeRustDebug(msg[1]);
        return error;
      }
      return { kind: 'VMError', message: debug };
    }
    return { kind: 'PeerPanic', message: text.split('\n')[0] };
  }
  if (thrown instanceof WebAssembly.RuntimeError) return { kind: 'WasmTrap', message: thrown.message };
  // An import near-mock-vm does not provide (a newer host function such as ed25519_verify).
  if (thrown instanceof WebAssembly.LinkError) return { kind: 'LinkError', message: thrown.message };
  throw thrown; // a driver bug, not a contract failure
}

/** The in-process sandbox links `sandbox_debug_log`, like near-sandbox nodes do. */
import { describe, expect, it } from 'vitest';
import { setTraceSpec } from '@nearts/primitives';
import { Sandbox } from '../../src/index.js';

describe('Sandbox and sandbox_debug_log', () => {
  it('runs a contract that prints with sandbox_debug_log', () => {
    // (module (import "env" "sandbox_debug_log" (func (param i64 i64))) (memory 1)
    //   (func (export "main") (call 0 (i64.const 6) (i64.const 0))) (data (i32.const 0) "debug!"))
    const ascii = (t: string) => [...t].map((c) => c.charCodeAt(0));
    const code = Uint8Array.from([
      ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
      ...[0x01, 0x09, 0x02, 0x60, 0x02, 0x7e, 0x7e, 0x00, 0x60, 0x00, 0x00],
      ...[0x02, 0x19, 0x01, 0x03, ...ascii('env'), 0x11, ...ascii('sandbox_debug_log'), 0x00, 0x00],
      ...[0x03, 0x02, 0x01, 0x01],
      ...[0x05, 0x03, 0x01, 0x00, 0x01],
      ...[0x07, 0x08, 0x01, 0x04, ...ascii('main'), 0x00, 0x01],
      ...[0x0a, 0x0a, 0x01, 0x08, 0x00, 0x42, 0x06, 0x42, 0x00, 0x10, 0x00, 0x0b],
      ...[0x0b, 0x0c, 0x01, 0x00, 0x41, 0x00, 0x0b, 0x06, ...ascii('debug!')],
    ]);
    const lines: string[] = [];
    setTraceSpec('nearts:vm-logic:sandbox', (l) => lines.push(l));
    try {
      const sandbox = Sandbox.create();
      const contract = sandbox.root.createSubAccount('printer');
      contract.deploy(code);
      sandbox.root.call(contract, 'main', {});
      expect(lines).toEqual(['nearts:vm-logic:sandbox debug!']);
    } finally {
      setTraceSpec('');
    }
  });
});

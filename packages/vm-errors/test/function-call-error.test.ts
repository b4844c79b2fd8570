import { describe, expect, it } from 'vitest';
import {
  debugFunctionCallError,
  debugOnChainFunctionCallError,
  displayFunctionCallError,
  FunctionCallError,
  functionCallErrorToJson,
  onChainFunctionCallErrorToJson,
  PREPARE_ERROR_KINDS,
  PrepareError,
  prepareErrorToJson,
  toOnChainFunctionCallError,
  WASM_TRAP_MESSAGES,
  type FunctionCallErrorData,
  type OnChainFunctionCallErrorData,
  type WasmTrapKind,
} from '../src/index.js';

describe('FunctionCallError (VM form)', () => {
  // Display from logic/errors.rs; stored form and JSON from runtime/src/conversions.rs.
  const cases: [FunctionCallErrorData, string, unknown, string][] = [
    [
      { kind: 'CompilationError', error: { kind: 'CodeDoesNotExist', account_id: 'alice.near' } },
      'cannot find contract code for account alice.near',
      { CompilationError: { CodeDoesNotExist: { account_id: 'alice.near' } } },
      'FunctionCallError.CompilationError.CodeDoesNotExist',
    ],
    [
      { kind: 'CompilationError', error: { kind: 'PrepareError', error: 'Deserialization' } },
      'PrepareError: Error happened while deserializing the module.',
      { CompilationError: { PrepareError: 'Deserialization' } },
      'FunctionCallError.CompilationError.PrepareError.Deserialization',
    ],
    [
      { kind: 'CompilationError', error: { kind: 'WasmerCompileError', msg: 'bad' } },
      'Wasmer compilation error: bad',
      { CompilationError: { WasmerCompileError: { msg: 'bad' } } },
      'FunctionCallError.CompilationError.WasmerCompileError',
    ],
    [
      // Stored as WasmerCompileError: nearcore hides which VM compiled the contract.
      { kind: 'CompilationError', error: { kind: 'WasmtimeCompileError', msg: 'bad' } },
      'Wasmtime compilation error: bad',
      { CompilationError: { WasmerCompileError: { msg: 'bad' } } },
      'FunctionCallError.CompilationError.WasmtimeCompileError',
    ],
    [
      { kind: 'LinkError', msg: 'unknown import: `env::foo` has not been defined' },
      'unknown import: `env::foo` has not been defined',
      { ExecutionError: 'Link Error: unknown import: `env::foo` has not been defined' },
      'FunctionCallError.LinkError',
    ],
    [
      { kind: 'MethodResolveError', error: 'MethodNotFound' },
      'MethodNotFound',
      { MethodResolveError: 'MethodNotFound' },
      'FunctionCallError.MethodResolveError.MethodNotFound',
    ],
    [
      { kind: 'WasmTrap', trap: 'Unreachable' },
      'WebAssembly trap: An `unreachable` opcode was executed.',
      { ExecutionError: 'WebAssembly trap: An `unreachable` opcode was executed.' },
      'FunctionCallError.WasmTrap.Unreachable',
    ],
    [
      { kind: 'HostError', error: { kind: 'GuestPanic', panic_msg: 'explicit guest panic' } },
      'Smart contract panicked: explicit guest panic',
      { ExecutionError: 'Smart contract panicked: explicit guest panic' },
      'FunctionCallError.HostError.GuestPanic',
    ],
    [
      // The Display says "Loading error", the stored text "Loading Error".
      { kind: 'LoadingError', msg: 'maximum instance size exceeded' },
      'Loading error: maximum instance size exceeded',
      { ExecutionError: 'Loading Error: maximum instance size exceeded' },
      'FunctionCallError.LoadingError',
    ],
    [
      // Stored as the bare message, without the Display's prefix.
      { kind: 'WasmUnknownError', msg: 'nondeterministic trap' },
      'Unknown error during contract execution: nondeterministic trap',
      { ExecutionError: 'nondeterministic trap' },
      'FunctionCallError.WasmUnknownError',
    ],
  ];

  it.each(cases.map((c) => [c[3], ...c] as const))('%s', (_code, data, display, json, code) => {
    expect(displayFunctionCallError(data)).toBe(display);
    expect(functionCallErrorToJson(data)).toEqual(json);
    const error = new FunctionCallError(data);
    expect(error.message).toBe(display);
    expect(error.code).toBe(code);
    expect(error.toJSON()).toEqual(json);
  });

  it('matches the expectations of nearcore logic/errors.rs test_display', () => {
    expect(displayFunctionCallError({ kind: 'MethodResolveError', error: 'MethodInvalidSignature' })).toBe(
      'MethodInvalidSignature',
    );
    expect(
      displayFunctionCallError({ kind: 'CompilationError', error: { kind: 'PrepareError', error: 'StackHeightInstrumentation' } }),
    ).toBe('PrepareError: Stack instrumentation failed.');
  });

  it('has the stored form discriminants', () => {
    expect(new FunctionCallError({ kind: 'HostError', error: { kind: 'GasExceeded' } }).discriminants).toEqual([7]);
    expect(new FunctionCallError({ kind: 'MethodResolveError', error: 'MethodEmptyName' }).discriminants).toEqual([2, 0]);
    // On chain TooManyParamsPerContract is 17 (near-primitives), in the VM cache 16 (near-vm-runner).
    const tooManyParams: FunctionCallErrorData = {
      kind: 'CompilationError',
      error: { kind: 'PrepareError', error: 'TooManyParamsPerContract' },
    };
    expect(new FunctionCallError(tooManyParams).discriminants).toEqual([0, 1, 17]);
    expect(new PrepareError('TooManyParamsPerContract').discriminants).toEqual([16]);
  });

  it.each(Object.entries(WASM_TRAP_MESSAGES))('trap %s', (trap, text) => {
    const data: FunctionCallErrorData = { kind: 'WasmTrap', trap: trap as WasmTrapKind };
    expect(displayFunctionCallError(data)).toBe(`WebAssembly trap: ${text}`);
    expect(toOnChainFunctionCallError(data)).toEqual({ kind: 'ExecutionError', msg: `WebAssembly trap: ${text}` });
  });
});

describe('PrepareError', () => {
  it('keeps nearcore order, texts and JSON', () => {
    expect(PREPARE_ERROR_KINDS).toHaveLength(19);
    expect(PREPARE_ERROR_KINDS[16]).toBe('TooManyParamsPerContract');
    const error = new PrepareError('TooManyParamsPerFunction', 'function 3 has 200 params');
    expect(error.message).toBe('Too many parameters in a single function');
    expect(error.code).toBe('PrepareError.TooManyParamsPerFunction');
    expect(error.json()).toBe('TooManyParamsPerFunction');
    expect(prepareErrorToJson('OperandStackTooLarge')).toBe('OperandStackTooLarge');
  });
});

describe('FunctionCallError (stored form)', () => {
  // Debug is what ActionErrorKind's Display prints; shapes follow the derived Debug of near-primitives' enums.
  const cases: [OnChainFunctionCallErrorData, string, unknown][] = [
    [
      { kind: 'CompilationError', error: { kind: 'CodeDoesNotExist', account_id: 'alice.near' } },
      'CompilationError(CodeDoesNotExist { account_id: AccountId("alice.near") })',
      { CompilationError: { CodeDoesNotExist: { account_id: 'alice.near' } } },
    ],
    [
      { kind: 'CompilationError', error: { kind: 'PrepareError', error: 'TooManyLocals' } },
      'CompilationError(PrepareError(TooManyLocals))',
      { CompilationError: { PrepareError: 'TooManyLocals' } },
    ],
    [
      { kind: 'CompilationError', error: { kind: 'WasmerCompileError', msg: 'x' } },
      'CompilationError(WasmerCompileError { msg: "x" })',
      { CompilationError: { WasmerCompileError: { msg: 'x' } } },
    ],
    [{ kind: 'LinkError', msg: 'y' }, 'LinkError { msg: "y" }', { LinkError: { msg: 'y' } }],
    [{ kind: 'MethodResolveError', error: 'MethodEmptyName' }, 'MethodResolveError(MethodEmptyName)', { MethodResolveError: 'MethodEmptyName' }],
    [{ kind: 'WasmTrap', trap: 'StackOverflow' }, 'WasmTrap(StackOverflow)', { WasmTrap: 'StackOverflow' }],
    [{ kind: 'WasmUnknownError' }, 'WasmUnknownError', 'WasmUnknownError'],
    [{ kind: 'HostError', error: { kind: 'GasExceeded' } }, 'HostError(GasExceeded)', { HostError: 'GasExceeded' }],
    [
      { kind: 'HostError', error: { kind: 'GuestPanic', panic_msg: 'oops' } },
      'HostError(GuestPanic { panic_msg: "oops" })',
      { HostError: { GuestPanic: { panic_msg: 'oops' } } },
    ],
    [{ kind: '_EVMError' }, '_EVMError', '_EVMError'],
    [
      // nearcore PR #15113 shows this Debug text for a JSON panic message, quotes escaped.
      { kind: 'ExecutionError', msg: 'Smart contract panicked: {"error":{"name":"CUSTOM_CONTRACT_ERROR"}}' },
      'ExecutionError("Smart contract panicked: {\\"error\\":{\\"name\\":\\"CUSTOM_CONTRACT_ERROR\\"}}")',
      { ExecutionError: 'Smart contract panicked: {"error":{"name":"CUSTOM_CONTRACT_ERROR"}}' },
    ],
  ];
  it.each(cases.map((c) => [c[1], ...c] as const))('%s', (_debug, data, debug, json) => {
    expect(debugOnChainFunctionCallError(data)).toBe(debug);
    expect(onChainFunctionCallErrorToJson(data)).toEqual(json);
  });
});

describe("nearcore near-vm-runner test expectations ('Err: …' lines)", () => {
  // Every distinct `Err:` text in runtime/near-vm-runner/src/tests/{runtime_errors,compile_errors,
  // wasm_validation,regression_tests}.rs at the reference commit.
  const expectations: [FunctionCallErrorData, string][] = [
    [{ kind: 'CompilationError', error: { kind: 'PrepareError', error: 'Deserialization' } }, 'PrepareError: Error happened while deserializing the module.'],
    [{ kind: 'HostError', error: { kind: 'GasExceeded' } }, 'Exceeded the prepaid gas.'],
    [{ kind: 'CompilationError', error: { kind: 'PrepareError', error: 'Instantiate' } }, 'PrepareError: Error happened during instantiation.'],
    [{ kind: 'MethodResolveError', error: 'MethodNotFound' }, 'MethodNotFound'],
    [{ kind: 'CompilationError', error: { kind: 'PrepareError', error: 'TooManyFunctions' } }, 'PrepareError: Too many functions in contract.'],
    [{ kind: 'HostError', error: { kind: 'GuestPanic', panic_msg: 'explicit guest panic' } }, 'Smart contract panicked: explicit guest panic'],
    [{ kind: 'CompilationError', error: { kind: 'PrepareError', error: 'TooManyLocals' } }, 'PrepareError: Too many locals declared in the contract.'],
    [{ kind: 'HostError', error: { kind: 'GasLimitExceeded' } }, 'Exceeded the maximum amount of gas allowed to burn per contract.'],
    [{ kind: 'WasmTrap', trap: 'IllegalArithmetic' }, 'WebAssembly trap: An arithmetic exception, e.g. divided by zero.'],
    [{ kind: 'WasmTrap', trap: 'Unreachable' }, 'WebAssembly trap: An `unreachable` opcode was executed.'],
    [{ kind: 'MethodResolveError', error: 'MethodInvalidSignature' }, 'MethodInvalidSignature'],
    [{ kind: 'WasmTrap', trap: 'MemoryOutOfBounds' }, 'WebAssembly trap: Memory out of bounds trap.'],
    [{ kind: 'WasmTrap', trap: 'IncorrectCallIndirectSignature' }, 'WebAssembly trap: Call indirect incorrect signature trap.'],
    [{ kind: 'CompilationError', error: { kind: 'PrepareError', error: 'TooManyTables' } }, 'PrepareError: Too many tables declared in the contract.'],
    [
      { kind: 'CompilationError', error: { kind: 'PrepareError', error: 'TooManyTableElements' } },
      'PrepareError: Too many table elements declared in the contract.',
    ],
    [{ kind: 'MethodResolveError', error: 'MethodEmptyName' }, 'MethodEmptyName'],
  ];
  it.each(expectations.map(([data, text]) => [text, data] as const))('Err: %s', (text, data) => {
    expect(displayFunctionCallError(data)).toBe(text);
  });
});

describe('FunctionCallError (VM form) Debug', () => {
  // Rust's derived Debug of near_vm_runner::logic::errors::FunctionCallError, which a failed view
  // call reports (state_viewer: "wasm execution failed with error: {:?}"; state_viewer.rs expects
  // `ProhibitedInView { method_name: "storage_write" }` in it).
  it.each([
    [{ kind: 'HostError', error: { kind: 'ProhibitedInView', method_name: 'storage_write' } }, 'HostError(ProhibitedInView { method_name: "storage_write" })'],
    [{ kind: 'MethodResolveError', error: 'MethodNotFound' }, 'MethodResolveError(MethodNotFound)'],
    [{ kind: 'WasmTrap', trap: 'Unreachable' }, 'WasmTrap(Unreachable)'],
    [{ kind: 'CompilationError', error: { kind: 'CodeDoesNotExist', account_id: 'a.near' } }, 'CompilationError(CodeDoesNotExist { account_id: "a.near" })'],
    [{ kind: 'CompilationError', error: { kind: 'PrepareError', error: 'Deserialization' } }, 'CompilationError(PrepareError(Deserialization))'],
    [{ kind: 'LinkError', msg: 'x' }, 'LinkError { msg: "x" }'],
    [{ kind: 'HostError', error: { kind: 'GuestPanic', panic_msg: 'a "b"' } }, 'HostError(GuestPanic { panic_msg: "a \\"b\\"" })'],
  ] as [FunctionCallErrorData, string][])('%j', (data, debug) => {
    expect(debugFunctionCallError(data)).toBe(debug);
  });
});

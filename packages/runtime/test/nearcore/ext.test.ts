/**
 * nearcore runtime/runtime/src/ext.rs unit test (f0c7706), translated: touching a trie node and
 * reading a cached one cost the same gas and compute in `RuntimeConfig::test()` (the trie-node
 * accounting relies on it).
 */
import { describe, expect, it } from 'vitest';
import { testConfig } from './setup.js';

describe('trie node costs (ext.rs)', () => {
  it('test_equalize_trie_node_touch_and_read_cost', () => {
    const ext = testConfig().wasmConfig.extCosts;
    expect(ext.touching_trie_node.gas).toBe(ext.read_cached_trie_node.gas);
    expect(ext.touching_trie_node.compute).toBe(ext.read_cached_trie_node.compute);
  });
});

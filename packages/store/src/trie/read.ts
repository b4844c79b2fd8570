/** Point lookups and ordered iteration over a trie. */
import { BRANCH, EXTENSION, LEAF, resolve, type Branch, type Leaf, type Node, type NodeLoader } from './node.js';
import { commonPrefix, nibbleAt } from './nibbles.js';

/** The leaf or branch holding `key`'s value, or undefined. */
export function lookup(root: Node | undefined, key: Uint8Array, load: NodeLoader | undefined): Leaf | Branch | undefined {
  const end = key.length * 2;
  let depth = 0;
  let node = root;
  while (node !== undefined) {
    const n = resolve(node, load);
    switch (n.kind) {
      case LEAF: {
        // The leaf holds its full key and starts at `depth`: compare the rest bytewise.
        const k = n.key;
        if (k.length !== key.length) return undefined;
        for (let i = depth >> 1; i < k.length; i++) if (k[i] !== key[i]) return undefined;
        return n;
      }
      case EXTENSION: {
        const len = n.end - n.start;
        if (len > end - depth || commonPrefix(n.path, n.start, n.end, key, depth, end) !== len) return undefined;
        depth += len;
        node = n.child;
        break;
      }
      case BRANCH: {
        if (depth === end) return n.value === undefined ? undefined : n;
        node = n.children[nibbleAt(key, depth)];
        depth++;
        break;
      }
    }
  }
  return undefined;
}

/** A value-holding node reached by iteration, with its full key. */
export type ValueNode = Leaf | Branch;

/**
 * Every value-holding node whose key starts with `prefix`, in lexicographic key order (a branch's
 * own value comes before its children, children in nibble order).
 */
export function* iterate(root: Node | undefined, prefix: Uint8Array, load: NodeLoader | undefined): Generator<ValueNode> {
  const end = prefix.length * 2;
  let depth = 0;
  let node = root;
  // Walk down until the prefix is used up; then everything below matches.
  while (node !== undefined && depth < end) {
    const n = resolve(node, load);
    switch (n.kind) {
      case LEAF: {
        const leafEnd = n.key.length * 2;
        const need = end - depth;
        if (leafEnd - n.start >= need && commonPrefix(n.key, n.start, leafEnd, prefix, depth, end) === need) yield n;
        return;
      }
      case EXTENSION: {
        const len = n.end - n.start;
        const need = Math.min(len, end - depth);
        if (commonPrefix(n.path, n.start, n.end, prefix, depth, end) !== need) return;
        depth += len;
        node = n.child;
        break;
      }
      case BRANCH: {
        node = n.children[nibbleAt(prefix, depth)];
        depth++;
        break;
      }
    }
  }
  if (node !== undefined) yield* iterateAll(node, load);
}

function* iterateAll(root: Node, load: NodeLoader | undefined): Generator<ValueNode> {
  // An explicit stack instead of nested generators: one generator frame per iteration, not per level.
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = resolve(stack.pop()!, load);
    if (n.kind === LEAF) yield n;
    else if (n.kind === EXTENSION) stack.push(n.child);
    else {
      // A branch's own key is a proper prefix of its children's keys, so it comes first.
      if (n.value !== undefined) yield n;
      for (let i = 15; i >= 0; i--) {
        const c = n.children[i];
        if (c !== undefined) stack.push(c);
      }
    }
  }
}

/** Full key of a value node. */
export function valueNodeKey(n: ValueNode): Uint8Array {
  return n.kind === LEAF ? n.key : n.valueKey!;
}

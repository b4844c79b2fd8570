/** Ordered iteration over a trie. */
import { BRANCH, EXTENSION, LEAF, resolve, type Branch, type Leaf, type Node, type NodeLoader } from './node.js';
import { commonPrefix, nibbleAt } from './nibbles.js';

/** A value-holding node reached by iteration. */
export type ValueNode = Leaf | Branch;

/**
 * Every value-holding node whose key starts with `prefix` (a key string), in lexicographic key
 * order (a branch's own value comes before its children, children in nibble order).
 */
export function* iterate(root: Node | undefined, prefix: string, load: NodeLoader | undefined): Generator<ValueNode> {
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

/** Full key (string) of a value node. */
export function valueNodeKey(n: ValueNode): string {
  return n.kind === LEAF ? n.key : n.valueKey!;
}

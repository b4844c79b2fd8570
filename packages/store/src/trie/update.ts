/**
 * Persistent insert and delete. Each returns a new root and leaves the old trie untouched; only
 * nodes on the changed path are rebuilt. The trie is kept in nearcore's canonical shape (the same
 * key set always gives the same nodes, whatever the order of updates):
 * - a branch has at least two children, or one child and a value;
 * - an extension's child is always a branch;
 * - a branch left with only a value becomes a leaf, one left with one child and no value merges
 *   into an extension or leaf (nearcore's `squash_node`).
 *
 * Unchanged subtrees (including stubs) are reused as the same objects and always stay at the same
 * absolute position; the lmdb backend relies on that to find which stored nodes to rewrite.
 */
import {
  BRANCH,
  Branch,
  EXTENSION,
  Extension,
  LEAF,
  Leaf,
  resolve,
  type Node,
  type NodeLoader,
  type ValueSlot,
} from './node.js';
import { commonPrefix, concatNibbles, nibbleAt } from './nibbles.js';

function withChild(children: ReadonlyArray<Node | undefined>, index: number, child: Node | undefined): Array<Node | undefined> {
  const out = children.slice();
  out[index] = child;
  return out;
}

function emptyChildren(): Array<Node | undefined> {
  return new Array<Node | undefined>(16).fill(undefined);
}

/** Returns the root of a trie equal to `root` plus key → value. */
export function insert(
  root: Node | undefined,
  key: Uint8Array,
  value: ValueSlot,
  load: NodeLoader | undefined,
): Node {
  return insertAt(root, key, 0, key.length * 2, value, load);
}

function insertAt(
  node: Node | undefined,
  key: Uint8Array,
  depth: number,
  end: number,
  value: ValueSlot,
  load: NodeLoader | undefined,
): Node {
  if (node === undefined) return new Leaf(key, depth, value);
  const n = resolve(node, load);
  switch (n.kind) {
    case LEAF: {
      const leafEnd = n.key.length * 2;
      const leafLen = leafEnd - n.start;
      const keyLen = end - depth;
      const c = commonPrefix(n.key, n.start, leafEnd, key, depth, end);
      if (c === leafLen && c === keyLen) return new Leaf(key, depth, value);
      const children = emptyChildren();
      let valueKey: Uint8Array | undefined;
      let branchValue: ValueSlot | undefined;
      if (c === leafLen) {
        valueKey = n.key;
        branchValue = n.value;
      } else {
        children[nibbleAt(n.key, n.start + c)] = new Leaf(n.key, n.start + c + 1, n.value);
      }
      if (c === keyLen) {
        valueKey = key;
        branchValue = value;
      } else {
        children[nibbleAt(key, depth + c)] = new Leaf(key, depth + c + 1, value);
      }
      const branch = new Branch(children, valueKey, branchValue);
      return c > 0 ? new Extension(key, depth, depth + c, branch) : branch;
    }
    case EXTENSION: {
      const extLen = n.end - n.start;
      const c = commonPrefix(n.path, n.start, n.end, key, depth, end);
      if (c === extLen) {
        return new Extension(n.path, n.start, n.end, insertAt(n.child, key, depth + extLen, end, value, load));
      }
      const children = emptyChildren();
      children[nibbleAt(n.path, n.start + c)] =
        c + 1 === extLen ? n.child : new Extension(n.path, n.start + c + 1, n.end, n.child);
      let valueKey: Uint8Array | undefined;
      let branchValue: ValueSlot | undefined;
      if (c === end - depth) {
        valueKey = key;
        branchValue = value;
      } else {
        children[nibbleAt(key, depth + c)] = new Leaf(key, depth + c + 1, value);
      }
      const branch = new Branch(children, valueKey, branchValue);
      return c > 0 ? new Extension(key, depth, depth + c, branch) : branch;
    }
    case BRANCH: {
      if (depth === end) return new Branch(n.children, key, value);
      const i = nibbleAt(key, depth);
      return new Branch(withChild(n.children, i, insertAt(n.children[i], key, depth + 1, end, value, load)), n.valueKey, n.value);
    }
  }
}

/** Returns the root of a trie equal to `root` without `key` (the same object if `key` is absent). */
export function remove(root: Node | undefined, key: Uint8Array, load: NodeLoader | undefined): Node | undefined {
  if (root === undefined) return undefined;
  return removeAt(root, key, 0, key.length * 2, load);
}

function removeAt(node: Node, key: Uint8Array, depth: number, end: number, load: NodeLoader | undefined): Node | undefined {
  const n = resolve(node, load);
  switch (n.kind) {
    case LEAF: {
      const leafEnd = n.key.length * 2;
      if (leafEnd - n.start !== end - depth) return node;
      return commonPrefix(n.key, n.start, leafEnd, key, depth, end) === end - depth ? undefined : node;
    }
    case EXTENSION: {
      const extLen = n.end - n.start;
      if (extLen > end - depth || commonPrefix(n.path, n.start, n.end, key, depth, end) !== extLen) return node;
      const child = removeAt(n.child, key, depth + extLen, end, load);
      if (child === n.child) return node;
      return extend(n.path, n.start, n.end, child, load);
    }
    case BRANCH: {
      if (depth === end) {
        if (n.value === undefined) return node;
        return squashBranch(n.children, undefined, undefined, load);
      }
      const i = nibbleAt(key, depth);
      const old = n.children[i];
      if (old === undefined) return node;
      const child = removeAt(old, key, depth + 1, end, load);
      if (child === old) return node;
      return squashBranch(withChild(n.children, i, child), n.valueKey, n.value, load);
    }
  }
}

/** A branch after a removal, turned into the canonical node for what is left. */
function squashBranch(
  children: ReadonlyArray<Node | undefined>,
  valueKey: Uint8Array | undefined,
  value: ValueSlot | undefined,
  load: NodeLoader | undefined,
): Node | undefined {
  let count = 0;
  let only = -1;
  for (let i = 0; i < 16; i++) {
    if (children[i] !== undefined) {
      count++;
      only = i;
    }
  }
  if (count === 0) return value === undefined ? undefined : new Leaf(valueKey!, valueKey!.length * 2, value);
  if (count === 1 && value === undefined) return extend(Uint8Array.of(only << 4), 0, 1, children[only], load);
  return new Branch(children, valueKey, value);
}

/** The canonical node for path[start..end) followed by `child` (nearcore's `extend_child`). */
function extend(
  path: Uint8Array,
  start: number,
  end: number,
  child: Node | undefined,
  load: NodeLoader | undefined,
): Node | undefined {
  if (child === undefined) return undefined;
  const c = resolve(child, load);
  switch (c.kind) {
    case LEAF:
      // The leaf keeps its full key; moving it up only moves where its own path starts.
      return new Leaf(c.key, c.start - (end - start), c.value);
    case EXTENSION:
      return new Extension(concatNibbles(path, start, end, c.path, c.start, c.end), 0, end - start + c.end - c.start, c.child);
    case BRANCH:
      // Keep `child` itself (maybe a stub): the branch does not move.
      return new Extension(path, start, end, child);
  }
}

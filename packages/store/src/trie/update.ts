/**
 * Persistent insert and delete. Published nodes are never changed: an update rebuilds the nodes on
 * the changed path and shares every untouched subtree, so an old root stays a valid snapshot.
 * Within one batch (`Batch`), nodes the batch itself created are changed in place instead of
 * copied again (see `Owner` in node.ts).
 *
 * The trie is kept in nearcore's canonical shape, so the same key set always gives the same nodes
 * whatever the order of updates:
 * - a branch has at least two children, or one child and a value;
 * - an extension's child is always a branch;
 * - a branch left with only a value becomes a leaf, one left with one child and no value merges
 *   into an extension or leaf (nearcore's `squash_node` / `extend_child`).
 *
 * Unchanged subtrees (including stubs) are reused as the same objects and always stay at the same
 * absolute position; the lmdb backend relies on that to find which stored nodes to rewrite.
 */
import { BRANCH, Branch, EXTENSION, Extension, LEAF, Leaf, resolve, type Node, type NodeLoader, type ValueSlot } from './node.js';
import { commonPrefix, concatNibbles, nibbleAt, singleNibble } from './nibbles.js';

/** One batch of writes: its owner token and the loader for stubs. */
export interface Batch {
  readonly owner: object;
  readonly load: NodeLoader | undefined;
}

export function newBatch(load: NodeLoader | undefined): Batch {
  return { owner: {}, load };
}

function emptyChildren(): Array<Node | undefined> {
  return new Array<Node | undefined>(16).fill(undefined);
}

/** Returns the root of a trie equal to `root` plus key → value. */
export function insert(root: Node | undefined, key: string, value: ValueSlot, batch: Batch): Node {
  return insertAt(root, key, 0, key.length * 2, value, batch);
}

function insertAt(node: Node | undefined, key: string, depth: number, end: number, value: ValueSlot, batch: Batch): Node {
  const owner = batch.owner;
  if (node === undefined) return new Leaf(key, depth, value, owner);
  const n = resolve(node, batch.load);
  switch (n.kind) {
    case LEAF: {
      const leafEnd = n.key.length * 2;
      const leafLen = leafEnd - n.start;
      const keyLen = end - depth;
      const c = commonPrefix(n.key, n.start, leafEnd, key, depth, end);
      if (c === leafLen && c === keyLen) return new Leaf(key, depth, value, owner);
      const children = emptyChildren();
      let valueKey: string | undefined;
      let branchValue: ValueSlot | undefined;
      if (c === leafLen) {
        valueKey = n.key;
        branchValue = n.value;
      } else {
        children[nibbleAt(n.key, n.start + c)] = new Leaf(n.key, n.start + c + 1, n.value, owner);
      }
      if (c === keyLen) {
        valueKey = key;
        branchValue = value;
      } else {
        children[nibbleAt(key, depth + c)] = new Leaf(key, depth + c + 1, value, owner);
      }
      const branch = new Branch(children, valueKey, branchValue, owner);
      return c > 0 ? new Extension(key, depth, depth + c, branch, owner) : branch;
    }
    case EXTENSION: {
      const extLen = n.end - n.start;
      const c = commonPrefix(n.path, n.start, n.end, key, depth, end);
      if (c === extLen) {
        const child = insertAt(n.child, key, depth + extLen, end, value, batch);
        if (n.owner === owner) {
          n.child = child;
          n.updateMem();
          return n;
        }
        return new Extension(n.path, n.start, n.end, child, owner);
      }
      const children = emptyChildren();
      children[nibbleAt(n.path, n.start + c)] =
        c + 1 === extLen ? n.child : new Extension(n.path, n.start + c + 1, n.end, n.child, owner);
      let valueKey: string | undefined;
      let branchValue: ValueSlot | undefined;
      if (c === end - depth) {
        valueKey = key;
        branchValue = value;
      } else {
        children[nibbleAt(key, depth + c)] = new Leaf(key, depth + c + 1, value, owner);
      }
      const branch = new Branch(children, valueKey, branchValue, owner);
      return c > 0 ? new Extension(key, depth, depth + c, branch, owner) : branch;
    }
    case BRANCH: {
      const mine = n.owner === owner;
      const b = mine ? n : new Branch(n.children.slice(), n.valueKey, n.value, owner);
      if (depth === end) {
        b.valueKey = key;
        b.value = value;
      } else {
        const i = nibbleAt(key, depth);
        b.children[i] = insertAt(b.children[i], key, depth + 1, end, value, batch);
      }
      b.updateMem();
      return b;
    }
  }
}

/** Returns the root of a trie equal to `root` without `key` (the same object if `key` is absent). */
export function remove(root: Node | undefined, key: string, batch: Batch): Node | undefined {
  if (root === undefined) return undefined;
  return removeAt(root, key, 0, key.length * 2, batch);
}

function removeAt(node: Node, key: string, depth: number, end: number, batch: Batch): Node | undefined {
  const n = resolve(node, batch.load);
  switch (n.kind) {
    case LEAF: {
      const leafEnd = n.key.length * 2;
      if (leafEnd - n.start !== end - depth) return node;
      return commonPrefix(n.key, n.start, leafEnd, key, depth, end) === end - depth ? undefined : node;
    }
    case EXTENSION: {
      const extLen = n.end - n.start;
      if (extLen > end - depth || commonPrefix(n.path, n.start, n.end, key, depth, end) !== extLen) return node;
      const child = removeAt(n.child, key, depth + extLen, end, batch);
      if (child === n.child) {
        // Unchanged, or a child of this batch changed in place (then this node is the batch's too).
        if (n.owner === batch.owner) n.updateMem();
        return node;
      }
      return extend(n.path, n.start, n.end, child, batch);
    }
    case BRANCH: {
      let children: Array<Node | undefined>;
      let valueKey = n.valueKey;
      let value = n.value;
      if (depth === end) {
        if (value === undefined) return node;
        valueKey = undefined;
        value = undefined;
        children = n.children;
      } else {
        const i = nibbleAt(key, depth);
        const old = n.children[i];
        if (old === undefined) return node;
        const child = removeAt(old, key, depth + 1, end, batch);
        if (child === old) {
          if (n.owner === batch.owner) n.updateMem();
          return node;
        }
        children = n.owner === batch.owner ? n.children : n.children.slice();
        children[i] = child;
      }
      return squashBranch(n, children, valueKey, value, batch);
    }
  }
}

/** The canonical node for a branch's remains after a removal. */
function squashBranch(
  old: Branch,
  children: Array<Node | undefined>,
  valueKey: string | undefined,
  value: ValueSlot | undefined,
  batch: Batch,
): Node | undefined {
  let count = 0;
  let only = -1;
  for (let i = 0; i < 16; i++) {
    if (children[i] !== undefined) {
      count++;
      only = i;
    }
  }
  if (count === 0) return value === undefined ? undefined : new Leaf(valueKey!, valueKey!.length * 2, value, batch.owner);
  if (count === 1 && value === undefined) return extend(singleNibble(only), 0, 1, children[only], batch);
  if (old.owner === batch.owner) {
    old.children = children;
    old.valueKey = valueKey;
    old.value = value;
    old.updateMem();
    return old;
  }
  return new Branch(children === old.children ? children.slice() : children, valueKey, value, batch.owner);
}

/** The canonical node for path[start..end) followed by `child` (nearcore's `extend_child`). */
function extend(path: string, start: number, end: number, child: Node | undefined, batch: Batch): Node | undefined {
  if (child === undefined) return undefined;
  const c = resolve(child, batch.load);
  switch (c.kind) {
    case LEAF:
      // The leaf keeps its full key; moving it up only moves where its own path starts.
      return new Leaf(c.key, c.start - (end - start), c.value, batch.owner);
    case EXTENSION:
      return new Extension(
        concatNibbles(path, start, end, c.path, c.start, c.end),
        0,
        end - start + c.end - c.start,
        c.child,
        batch.owner,
      );
    case BRANCH:
      // Keep `child` itself (maybe a stub): the branch does not move.
      return new Extension(path, start, end, child, batch.owner);
  }
}

import type { TFunction } from 'i18next';
import type { NodeKind, TreeKind } from './api';

/** "Cause", "Means", "Focal objective"...: objectives trees name the same kinds positively. */
export function kindLabel(t: TFunction, treeKind: TreeKind, kind: NodeKind): string {
  return t(`tree.kinds.${treeKind}.${kind}`);
}

/** The plural heading of a side of the tree ("Causes", "Means", ...). */
export function sideLabel(t: TFunction, treeKind: TreeKind, kind: 'cause' | 'effect'): string {
  return t(`tree.sides.${treeKind}.${kind}`);
}

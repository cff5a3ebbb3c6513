import { useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge, Button } from '../../../components/ui';
import { LiveTextInput, moveOptions, type LivePeer, type MoveTarget, type ProblemTreeApi, type TreeNode } from '../../../lib/live';
import type { TreeKind } from './api';
import { kindLabel, sideLabel } from './labels';

export interface NodeVotes {
  dots: number;
  isTop: boolean;
}

export interface DeletedNode {
  label: string;
  kind: TreeNode['kind'];
  below: number;
}

interface TreeOutlineProps {
  tree: ProblemTreeApi;
  treeKind: TreeKind;
  readOnly: boolean;
  /** Everyone else here (their "editing" paths mark the nodes they are in). */
  others: LivePeer[];
  votes: ReadonlyMap<string, NodeVotes>;
  onEditing: (path: string | null) => void;
  onDeleted: (deleted: DeletedNode) => void;
  /** Any other change of mine (the "deleted" notice goes away: undo would undo that instead). */
  onChanged: () => void;
}

type Field = HTMLInputElement | HTMLTextAreaElement;

interface Context extends TreeOutlineProps {
  register: (key: string, element: Field | null) => void;
  focusLater: (key: string) => void;
  openActions: string | null;
  setOpenActions: (key: string | null) => void;
}

function countBelow(node: TreeNode): number {
  return node.children.reduce((sum, child) => sum + 1 + countBelow(child), 0);
}

/**
 * The accessible view of the tree: nested lists of labelled text fields, in three parts (effects,
 * the focal problem, causes). Every change has a button and a shortcut in the label field:
 * Enter adds the next item, Ctrl+Enter a sub-item, Alt+Shift+arrows move, Backspace in an empty
 * field deletes it.
 */
export function TreeOutline(props: TreeOutlineProps) {
  const { t } = useTranslation();
  const { tree, treeKind, readOnly, onChanged } = props;
  const inputs = useRef(new Map<string, Field>());
  const pendingFocus = useRef<string | null>(null);
  const [openActions, setOpenActions] = useState<string | null>(null);

  // After a change re-renders the tree (a moved node remounts elsewhere), put focus back on it.
  useLayoutEffect(() => {
    const key = pendingFocus.current;
    if (!key) return;
    const element = inputs.current.get(key);
    if (!element) return;
    pendingFocus.current = null;
    element.focus();
    const end = element.value.length;
    element.setSelectionRange?.(end, end);
  });

  const context: Context = {
    ...props,
    register: (key, element) => {
      if (element) inputs.current.set(key, element);
      else inputs.current.delete(key);
    },
    focusLater: (key) => {
      pendingFocus.current = key;
    },
    openActions,
    setOpenActions,
  };

  const focal = tree.focal;
  if (!focal) return <p className="muted">{t('tree.outline.noFocal')}</p>;

  function addTop(kind: 'cause' | 'effect') {
    const key = tree.add({ parent: focal!.key, kind });
    if (key) {
      onChanged();
      context.focusLater(key);
    }
  }

  const section = (kind: 'cause' | 'effect', nodes: TreeNode[]) => {
    const headingId = `outline-${kind}-heading`;
    return (
      <section className={`outline-side outline-${kind}s`} aria-labelledby={headingId}>
        <div className="outline-side-header">
          <h2 id={headingId} className="outline-side-title">
            {sideLabel(t, treeKind, kind)} <span className="muted">({nodes.length > 0 ? countAll(nodes) : 0})</span>
          </h2>
          {!readOnly && (
            <Button onClick={() => addTop(kind)} disabled={!tree.canEdit}>
              {t(`tree.outline.add.${treeKind}.${kind}`)}
            </Button>
          )}
        </div>
        {nodes.length === 0 ? (
          <p className="muted">{t(`tree.outline.empty.${treeKind}.${kind}`)}</p>
        ) : (
          <ul className="outline-list">
            {nodes.map((node, index) => (
              <OutlineItem key={node.key} node={node} number={`${index + 1}`} context={context} />
            ))}
          </ul>
        )}
      </section>
    );
  };

  return (
    <div className="tree-outline">
      {section('effect', tree.effects)}
      <section className="outline-focal" aria-labelledby="outline-focal-heading">
        <h2 id="outline-focal-heading" className="outline-side-title">
          {kindLabel(t, treeKind, 'problem')}
        </h2>
        <NodeRow node={focal} number="" context={context} />
      </section>
      {section('cause', tree.causes)}
      {!readOnly && (
        <details className="outline-shortcuts">
          <summary>{t('tree.shortcuts.title')}</summary>
          <dl>
            {(['enter', 'child', 'up', 'down', 'indent', 'outdent', 'delete'] as const).map((name) => (
              <div key={name}>
                <dt>
                  <kbd>{t(`tree.shortcuts.keys.${name}`)}</kbd>
                </dt>
                <dd>{t(`tree.shortcuts.does.${name}`)}</dd>
              </div>
            ))}
          </dl>
        </details>
      )}
    </div>
  );
}

function countAll(nodes: TreeNode[]): number {
  return nodes.reduce((sum, node) => sum + 1 + countBelow(node), 0);
}

function OutlineItem({ node, number, context }: { node: TreeNode; number: string; context: Context }) {
  return (
    <li className="outline-item">
      <NodeRow node={node} number={number} context={context} />
      {node.children.length > 0 && (
        <ul className="outline-list">
          {node.children.map((child, index) => (
            <OutlineItem key={child.key} node={child} number={`${number}.${index + 1}`} context={context} />
          ))}
        </ul>
      )}
    </li>
  );
}

function NodeRow({ node, number, context }: { node: TreeNode; number: string; context: Context }) {
  const { t } = useTranslation();
  const { tree, treeKind, readOnly, others, votes, onEditing, onDeleted, onChanged, register, focusLater, openActions, setOpenActions } =
    context;
  const isFocal = node.kind === 'problem';
  const name = isFocal ? kindLabel(t, treeKind, 'problem') : `${kindLabel(t, treeKind, node.kind)} ${number}`;
  const editors = others.filter((peer) => peer.editing === `nodes/${node.key}`);
  const vote = votes.get(node.key);
  const actionsId = `outline-actions-${node.key}`;
  const open = openActions === node.key;
  const options = moveOptions(tree.tree, node.key);
  const childKind = node.kind === 'effect' ? 'effect' : 'cause';

  function move(target: MoveTarget | null) {
    if (!target) return;
    if (tree.move(node.key, target)) {
      onChanged();
      focusLater(node.key);
    }
  }

  function addSibling() {
    if (isFocal || node.parentKey === null) return;
    const siblings = siblingList(tree, node);
    const index = siblings.findIndex((sibling) => sibling.key === node.key);
    const key = tree.add({ parent: node.parentKey, kind: node.kind === 'effect' ? 'effect' : 'cause', index: index + 1 });
    if (key) {
      onChanged();
      focusLater(key);
    }
  }

  function addChild() {
    if (isFocal) return;
    const key = tree.add({ parent: node.key, kind: childKind });
    if (key) {
      onChanged();
      focusLater(key);
    }
  }

  function remove() {
    if (isFocal) return;
    const previous = previousKey(tree, node);
    const deleted = { label: node.label?.toString() ?? node.text, kind: node.kind, below: countBelow(node) };
    if (tree.remove(node.key)) {
      if (previous) focusLater(previous);
      setOpenActions(null);
      onDeleted(deleted);
    }
  }

  function onKeyDown(event: KeyboardEvent<Field>) {
    if (readOnly || !tree.canEdit) return;
    const mod = event.ctrlKey || event.metaKey;
    if (event.key === 'Enter' && !event.shiftKey && !event.altKey) {
      event.preventDefault();
      if (mod) addChild();
      else addSibling();
      return;
    }
    if (event.altKey && event.shiftKey && !mod) {
      const target =
        event.key === 'ArrowUp'
          ? options.up
          : event.key === 'ArrowDown'
            ? options.down
            : event.key === 'ArrowRight'
              ? options.indent
              : event.key === 'ArrowLeft'
                ? options.outdent
                : undefined;
      if (target !== undefined) {
        event.preventDefault();
        move(target);
      }
      return;
    }
    if (event.key === 'Backspace' && !isFocal && event.currentTarget.value === '' && node.children.length === 0) {
      event.preventDefault();
      remove();
    }
  }

  const color = editors[0]?.color;
  return (
    <div className={`outline-row outline-row-${node.kind}${editors.length ? ' is-edited' : ''}`} style={color ? { borderLeftColor: color } : undefined}>
      <div className="outline-main">
        {readOnly || !node.label ? (
          <p className="outline-text">
            <span className="visually-hidden">{name}: </span>
            {(node.label?.toString() ?? node.text) || <span className="muted">{t('tree.untitled')}</span>}
          </p>
        ) : (
          <LiveTextInput
            text={node.label}
            label={name}
            readOnly={!tree.canEdit}
            multiline={false}
            className="outline-input"
            placeholder={t(`tree.outline.placeholder.${treeKind}.${node.kind}`)}
            onFocusChange={(focused) => onEditing(focused ? `nodes/${node.key}` : null)}
            onKeyDown={onKeyDown}
            inputRef={(element) => register(node.key, element)}
          />
        )}
        {!readOnly && !isFocal && (
          <button
            type="button"
            className="icon-button outline-toggle"
            aria-expanded={open}
            aria-controls={actionsId}
            onClick={() => setOpenActions(open ? null : node.key)}
          >
            <span aria-hidden="true">⋯</span>
            <span className="visually-hidden">{t('tree.outline.actionsFor', { name })}</span>
          </button>
        )}
      </div>
      {(vote || editors.length > 0) && (
        <p className="outline-meta">
          {vote?.isTop && <Badge tone="success">{t('tree.outline.top')}</Badge>}
          {vote && vote.dots > 0 && <Badge tone="info">{t('tree.outline.dots', { count: vote.dots })}</Badge>}
          {editors.length > 0 && (
            <span className="outline-editing">
              {t('tree.outline.editingBy', { names: editors.map((peer) => peer.name).join(', ') })}
            </span>
          )}
        </p>
      )}
      {!readOnly && !isFocal && open && (
        <div
          id={actionsId}
          className="outline-actions"
          role="group"
          aria-label={t('tree.outline.actionsFor', { name })}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setOpenActions(null);
          }}
        >
          <Button onClick={addChild} disabled={!tree.canEdit}>
            {t(`tree.outline.addChild.${treeKind}.${childKind}`)}
          </Button>
          <Button onClick={() => move(options.up)} disabled={!tree.canEdit || !options.up}>
            {t('tree.outline.moveUp')}
          </Button>
          <Button onClick={() => move(options.down)} disabled={!tree.canEdit || !options.down}>
            {t('tree.outline.moveDown')}
          </Button>
          <Button onClick={() => move(options.indent)} disabled={!tree.canEdit || !options.indent}>
            {t('tree.outline.indent')}
          </Button>
          <Button onClick={() => move(options.outdent)} disabled={!tree.canEdit || !options.outdent}>
            {t('tree.outline.outdent')}
          </Button>
          <Button variant="danger" onClick={remove} disabled={!tree.canEdit}>
            {t('tree.outline.delete')}
          </Button>
        </div>
      )}
    </div>
  );
}

function siblingList(tree: ProblemTreeApi, node: TreeNode): TreeNode[] {
  if (node.parentKey === null) return [];
  const parent = tree.byKey.get(node.parentKey);
  if (!parent) return [];
  if (parent.kind === 'problem') return node.kind === 'effect' ? tree.effects : tree.causes;
  return parent.children;
}

/** Where focus goes after a delete: the sibling before, else the parent. */
function previousKey(tree: ProblemTreeApi, node: TreeNode): string | null {
  const siblings = siblingList(tree, node);
  const index = siblings.findIndex((sibling) => sibling.key === node.key);
  if (index > 0) return siblings[index - 1].key;
  if (index >= 0 && index + 1 < siblings.length) return siblings[index + 1].key;
  return node.parentKey;
}

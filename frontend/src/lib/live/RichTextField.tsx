import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { EditorContent, useEditor, useEditorState, type Editor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { colorForUser } from './colors';
import { connectionOfDoc } from './connection';
import type { LiveRichText, LiveSession } from './types';

export interface RichTextFieldProps {
  fragment: LiveRichText;
  session: LiveSession;
  label: string;
  readOnly: boolean;
  onFocusChange?: (focused: boolean) => void;
}

const NEUTRAL = '#4d5666';

function caretColor(user: Record<string, unknown>): string {
  return typeof user.id === 'number' ? colorForUser(user.id) : NEUTRAL;
}

function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = caretColor(user);
  const caret = document.createElement('span');
  caret.className = 'rich-caret';
  caret.style.borderColor = color;
  const name = document.createElement('span');
  name.className = 'rich-caret-label';
  name.style.backgroundColor = color;
  name.textContent = typeof user.name === 'string' ? user.name : '';
  caret.append(name);
  return caret;
}

function renderSelection(user: Record<string, unknown>) {
  // 20% of the person's colour: readable text underneath.
  return { nodeName: 'span', class: 'rich-selection', style: `background-color: ${caretColor(user)}33` };
}

const SAFE_LINK = /^(https?:\/\/|mailto:)/i;

/**
 * Prose edited together: TipTap bound to a Y.XmlFragment (the schema of contract §2: paragraphs,
 * headings 2–3, lists, quotes, hard breaks; bold, italic, links), with everyone's carets. TipTap's
 * own undo is off: the Collaboration extension brings a Yjs undo that only undoes my changes.
 */
export function RichTextField({ fragment, session, label, readOnly, onFocusChange }: RichTextFieldProps) {
  const readOnlyNow = useRef(readOnly);
  const labelId = useId();
  const connection = connectionOfDoc(session.ydoc);
  const focusChange = useRef(onFocusChange);
  useEffect(() => {
    focusChange.current = onFocusChange;
  });

  const editor = useEditor(
    {
      editable: !readOnly,
      extensions: [
        StarterKit.configure({
          undoRedo: false,
          code: false,
          codeBlock: false,
          strike: false,
          underline: false,
          horizontalRule: false,
          heading: { levels: [2, 3] },
          link: {
            openOnClick: false,
            autolink: true,
            defaultProtocol: 'https',
            protocols: ['http', 'https', 'mailto'],
            HTMLAttributes: { rel: 'noopener noreferrer nofollow', target: null },
          },
        }),
        Collaboration.configure({ fragment }),
        ...(connection
          ? [
              CollaborationCaret.configure({
                provider: { awareness: connection.awareness },
                user: connection.selfUser ?? {},
                render: renderCaret,
                selectionRender: renderSelection,
              }),
            ]
          : []),
      ],
      editorProps: {
        // A function, so the view re-reads it when editing is switched on or off.
        attributes: () => ({
          class: 'rich-text-content',
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-labelledby': labelId,
          'aria-readonly': String(readOnlyNow.current),
        }),
      },
      onFocus: () => focusChange.current?.(true),
      onBlur: () => focusChange.current?.(false),
    },
    [fragment, connection],
  );

  useEffect(() => {
    readOnlyNow.current = readOnly;
    // The view exists only once the editor is mounted (StrictMode mounts twice): ask through the
    // editor, never its view, before then.
    if (editor && !editor.isDestroyed && editor.isEditable === readOnly) editor.setEditable(!readOnly);
  }, [editor, readOnly]);

  return (
    <div className={`rich-text${readOnly ? ' is-read-only' : ''}`}>
      <span id={labelId} className="field-label">
        {label}
      </span>
      {!readOnly && editor && <Toolbar editor={editor} label={label} />}
      <EditorContent editor={editor} className="rich-text-body" />
    </div>
  );
}

function Toolbar({ editor, label }: { editor: Editor; label: string }) {
  const { t } = useTranslation();
  const [linking, setLinking] = useState(false);
  const state = useEditorState({
    editor,
    selector: ({ editor: current }) => ({
      bold: current.isActive('bold'),
      italic: current.isActive('italic'),
      bulletList: current.isActive('bulletList'),
      orderedList: current.isActive('orderedList'),
      h2: current.isActive('heading', { level: 2 }),
      h3: current.isActive('heading', { level: 3 }),
      link: current.isActive('link'),
    }),
  });

  // One tab stop for the whole toolbar; arrow keys move between its buttons (ARIA toolbar pattern).
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (!['ArrowLeft', 'ArrowRight', 'Home', 'End'].includes(event.key)) return;
    const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-tool]')];
    const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
    if (index < 0) return;
    event.preventDefault();
    const next =
      event.key === 'Home'
        ? 0
        : event.key === 'End'
          ? buttons.length - 1
          : (index + (event.key === 'ArrowRight' ? 1 : -1) + buttons.length) % buttons.length;
    buttons.forEach((button, i) => (button.tabIndex = i === next ? 0 : -1));
    buttons[next].focus();
  }

  const chain = () => editor.chain().focus();
  const tools: { key: string; label: string; pressed: boolean; run: () => void; text: ReactNode }[] = [
    { key: 'bold', label: t('liveDoc.rich.bold'), pressed: state.bold, run: () => chain().toggleBold().run(), text: <b>B</b> },
    { key: 'italic', label: t('liveDoc.rich.italic'), pressed: state.italic, run: () => chain().toggleItalic().run(), text: <i>I</i> },
    { key: 'h2', label: t('liveDoc.rich.heading'), pressed: state.h2, run: () => chain().toggleHeading({ level: 2 }).run(), text: 'H2' },
    { key: 'h3', label: t('liveDoc.rich.subheading'), pressed: state.h3, run: () => chain().toggleHeading({ level: 3 }).run(), text: 'H3' },
    { key: 'bullet', label: t('liveDoc.rich.bulletList'), pressed: state.bulletList, run: () => chain().toggleBulletList().run(), text: '•' },
    { key: 'ordered', label: t('liveDoc.rich.orderedList'), pressed: state.orderedList, run: () => chain().toggleOrderedList().run(), text: '1.' },
    { key: 'link', label: t('liveDoc.rich.link'), pressed: state.link, run: () => setLinking((open) => !open), text: t('liveDoc.rich.linkShort') },
  ];

  return (
    <>
      <div className="rich-toolbar" role="toolbar" aria-label={t('liveDoc.rich.toolbar', { field: label })} onKeyDown={onKeyDown}>
        {tools.map((tool, index) => (
          <button
            key={tool.key}
            type="button"
            data-tool={tool.key}
            className="rich-tool"
            aria-label={tool.label}
            title={tool.label}
            aria-pressed={tool.pressed}
            aria-expanded={tool.key === 'link' ? linking : undefined}
            tabIndex={index === 0 ? 0 : -1}
            onMouseDown={(event) => event.preventDefault()}
            onClick={tool.run}
          >
            {tool.text}
          </button>
        ))}
      </div>
      {linking && <LinkForm editor={editor} onDone={() => setLinking(false)} />}
    </>
  );
}

function LinkForm({ editor, onDone }: { editor: Editor; onDone: () => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const current = (editor.getAttributes('link').href as string | undefined) ?? '';
  const [href, setHref] = useState(current);
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const value = href.trim();
    if (!value) {
      editor.chain().focus().extendMarkRange('link').unsetLink().run();
      onDone();
      return;
    }
    const withScheme = SAFE_LINK.test(value) ? value : `https://${value}`;
    try {
      new URL(withScheme);
    } catch {
      setError(t('liveDoc.rich.linkInvalid'));
      return;
    }
    editor.chain().focus().extendMarkRange('link').setLink({ href: withScheme }).run();
    onDone();
  }

  return (
    <form className="rich-link-form" onSubmit={submit}>
      <label className="field-label" htmlFor={inputId}>
        {t('liveDoc.rich.linkAddress')}
      </label>
      <input
        id={inputId}
        className="input"
        type="url"
        inputMode="url"
        value={href}
        autoFocus
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${inputId}-error` : undefined}
        onChange={(event) => setHref(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.preventDefault();
            onDone();
            editor.commands.focus();
          }
        }}
      />
      {error && (
        <p className="field-error" id={`${inputId}-error`}>
          {error}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="btn btn-primary">
          {t('liveDoc.rich.linkApply')}
        </button>
        {current && (
          <button
            type="button"
            className="btn"
            onClick={() => {
              editor.chain().focus().extendMarkRange('link').unsetLink().run();
              onDone();
            }}
          >
            {t('liveDoc.rich.linkRemove')}
          </button>
        )}
        <button type="button" className="btn btn-ghost" onClick={onDone}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

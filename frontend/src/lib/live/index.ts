/**
 * Live documents (Yjs) for the features: the only entry point into lib/live. Components never
 * touch sockets, Yjs providers or IndexedDB; document models (problemTreeDoc.ts, agendaDoc.ts)
 * are the only readers of `session.ydoc`.
 */
import './live.css';

export type { LiveKind, LiveMode, LivePeer, LiveRichText, LiveSession, LiveStatus, LiveText } from './types';
export { useLiveDocument } from './useLiveDocument';
export { LiveStatusBadge } from './LiveStatusBadge';
export { PresenceBar } from './PresenceBar';
export { LiveTextInput, type LiveTextInputProps } from './LiveTextInput';
export { RichTextField } from './RichTextFieldLazy';
export type { RichTextFieldProps } from './RichTextField';
export { colorForUser, initialsOf } from './colors';
export {
  useProblemTree,
  type ProblemTreeApi,
  type TreeNode,
  type TreeNodeKind,
  type MoveTarget,
} from './problemTreeDoc';
export { moveOptions, canReparent, type MoveOptions } from './problemTree';

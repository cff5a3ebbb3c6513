import { useTranslation } from 'react-i18next';
import { initialsOf } from './colors';
import type { LivePeer } from './types';

interface PresenceBarProps {
  peers: LivePeer[];
  /** Turns an "editing" path (e.g. "nodes/k3x9") into words (e.g. the node's label); null hides it. */
  describeEditing?: (path: string) => string | null;
}

/**
 * Who is here and what they are editing. One entry per person (two tabs of the same person are
 * one entry), me first.
 */
export function PresenceBar({ peers, describeEditing }: PresenceBarProps) {
  const { t } = useTranslation();
  const people = groupByPerson(peers);
  return (
    <section className="presence-bar" aria-label={t('liveDoc.presence.label')}>
      <p className="presence-count">{t('liveDoc.presence.count', { count: people.length })}</p>
      <ul className="presence-list">
        {people.map((peer) => {
          const name = peer.isSelf ? t('liveDoc.presence.you', { name: peer.name || t('liveDoc.presence.unknown') }) : peer.name || t('liveDoc.presence.unknown');
          const what = peer.editing ? (describeEditing?.(peer.editing) ?? null) : null;
          return (
            <li key={peer.userId} className="presence-person">
              <span className="presence-avatar" style={{ backgroundColor: peer.color }} aria-hidden="true">
                {initialsOf(peer.name)}
              </span>
              <span className="presence-name">{name}</span>
              {peer.editing && (
                <span className="presence-editing">
                  {what ? t('liveDoc.presence.editingThing', { thing: what }) : t('liveDoc.presence.editing')}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function groupByPerson(peers: LivePeer[]): LivePeer[] {
  const byUser = new Map<number, LivePeer>();
  for (const peer of peers) {
    const seen = byUser.get(peer.userId);
    // Prefer the entry that is editing something (or mine), so the bar says what they do.
    if (!seen || (!seen.editing && peer.editing) || (!seen.isSelf && peer.isSelf)) {
      byUser.set(peer.userId, { ...peer, isSelf: peer.isSelf || Boolean(seen?.isSelf), editing: peer.editing ?? seen?.editing ?? null });
    }
  }
  return [...byUser.values()];
}

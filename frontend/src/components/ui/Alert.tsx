import type { ReactNode } from 'react';

export type AlertTone = 'info' | 'success' | 'warning' | 'error';

interface AlertProps {
  tone?: AlertTone;
  title?: ReactNode;
  /** Messages shown as a list (e.g. the server's errors); children are shown after them. */
  messages?: readonly string[];
  children?: ReactNode;
  className?: string;
}

/**
 * Errors use role="alert" (announced at once); other tones use role="status"
 * (announced politely).
 */
export function Alert({ tone = 'info', title, messages, children, className }: AlertProps) {
  const hasMessages = Boolean(messages && messages.length);
  if (!title && !hasMessages && !children) return null;
  return (
    <div
      className={['alert', `alert-${tone}`, className].filter(Boolean).join(' ')}
      role={tone === 'error' ? 'alert' : 'status'}
    >
      {title && <p className="alert-title">{title}</p>}
      {hasMessages &&
        (messages!.length === 1 ? (
          <p>{messages![0]}</p>
        ) : (
          <ul>
            {messages!.map((message, index) => (
              <li key={index}>{message}</li>
            ))}
          </ul>
        ))}
      {children}
    </div>
  );
}

import { snippetParts } from '../api/policybank';

/** The server's highlighted excerpt: its <mark> become real marks, everything else stays text. */
export function Snippet({ html }: { html: string }) {
  const parts = snippetParts(html);
  if (!parts.length) return null;
  return (
    <p className="policy-snippet">
      {parts.map((part, index) => (part.marked ? <mark key={index}>{part.text}</mark> : <span key={index}>{part.text}</span>))}
    </p>
  );
}

import { describe, expect, test } from 'vitest';
import { parseSearchPage, snippetParts } from './policybank';

describe('snippetParts', () => {
  test('keeps the server’s <mark> and turns every other markup into text', () => {
    expect(snippetParts('a <mark>teacher</mark> &amp; &lt;b&gt;bold&lt;/b&gt; <img src=x onerror=alert(1)>')).toEqual([
      { text: 'a ', marked: false },
      { text: 'teacher', marked: true },
      { text: ' & <b>bold</b> <img src=x onerror=alert(1)>', marked: false },
    ]);
  });

  test('handles Khmer text and an empty snippet', () => {
    expect(snippetParts('<mark>គ្រូបង្រៀន</mark>ជាតិ')).toEqual([
      { text: 'គ្រូបង្រៀន', marked: true },
      { text: 'ជាតិ', marked: false },
    ]);
    expect(snippetParts('')).toEqual([]);
  });
});

describe('parseSearchPage', () => {
  test('reads total, page and page size into a pager’s next and previous', () => {
    const page = parseSearchPage({ total: 45, page: 2, page_size: 20, results: [], facets: { kind: [] } });
    expect(page).toMatchObject({ count: 45, next: '3', previous: '1', pageSize: 20 });
    expect(parseSearchPage({ total: 45, page: 3, page_size: 20, results: [] })).toMatchObject({ next: null, previous: '2' });
  });

  test('survives a malformed answer', () => {
    expect(parseSearchPage(null)).toMatchObject({ count: 0, results: [], facets: {} });
  });
});

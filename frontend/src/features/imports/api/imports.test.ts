import { describe, expect, test } from 'vitest';
import { importKindOf, mergeJob, normaliseJob, type ApiJob, type Job } from './imports';

function job(overrides: Partial<Job> = {}): Job {
  return { id: 1, kind: 'people_import', status: 'running', progress: 50, result: null, errors: [], error: '', ...overrides };
}

describe('mergeJob', () => {
  test('never moves the bar backwards while the job runs', () => {
    expect(mergeJob(job({ progress: 60 }), job({ progress: 40 })).progress).toBe(60);
    expect(mergeJob(job({ progress: 40 }), job({ progress: 60 })).progress).toBe(60);
  });

  test('a finished job stays finished even if a late progress event arrives', () => {
    const done = job({ status: 'succeeded', progress: 100 });
    expect(mergeJob(done, job({ status: 'running', progress: 80 }))).toBe(done);
  });

  test('takes the final state as soon as it arrives', () => {
    const failed = job({ status: 'failed', progress: 90, errors: [{ row: 2, column: 'email', message: 'Bad.' }] });
    expect(mergeJob(job({ progress: 95 }), failed)).toBe(failed);
  });

  test('does not fall back from running to queued', () => {
    const running = job({ status: 'running', progress: 5 });
    expect(mergeJob(running, job({ status: 'queued', progress: 0 }))).toBe(running);
  });
});

describe('normaliseJob', () => {
  test('fills in what the schema leaves optional and reads the untyped JSON fields', () => {
    const raw = {
      id: 9,
      kind: 'organisations_import',
      result: { created: 2, updated: 1, unchanged: 0, rows: 3 },
      errors: [{ row: 4, column: 'kind', message: 'Unknown kind.' }, 'junk'],
    } as unknown as ApiJob;
    expect(normaliseJob(raw)).toEqual({
      id: 9,
      kind: 'organisations_import',
      status: 'queued',
      progress: 0,
      result: { created: 2, updated: 1, unchanged: 0, rows: 3 },
      errors: [{ row: 4, column: 'kind', message: 'Unknown kind.' }],
      error: '',
    });
  });

  test('maps job kinds to import kinds', () => {
    expect(importKindOf('people_import')).toBe('people');
    expect(importKindOf('organisations_import')).toBe('organisations');
    expect(importKindOf('report')).toBeNull();
  });
});

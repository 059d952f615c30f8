import { describe, expect, it } from 'vitest';
import { DEFAULT_DOSES_UG_PER_KG_MIN, formatDoses, parseDoses } from './dose-protocol';

describe('dose protocol entry', () => {
  it('reads the default protocol back from its text, sorted and without repeats', () => {
    expect(parseDoses(formatDoses(DEFAULT_DOSES_UG_PER_KG_MIN))).toEqual({ ok: true, dosesUgPerKgMin: [0, 0.025, 0.05, 0.1, 0.2] });
    expect(parseDoses('0.1; 0  0.1')).toEqual({ ok: true, dosesUgPerKgMin: [0, 0.1] });
  });

  it('explains entries the job would refuse', () => {
    expect(parseDoses('')).toMatchObject({ ok: false });
    expect(parseDoses('0, abc')).toEqual({ ok: false, error: '"abc" is not a number.' });
    expect(parseDoses('0, 2')).toMatchObject({ ok: false, error: expect.stringContaining('outside') });
    expect(parseDoses('-0.1')).toMatchObject({ ok: false });
    expect(parseDoses(Array.from({ length: 11 }, (_, k) => k / 20).join(','))).toMatchObject({ ok: false, error: expect.stringContaining('At most 10') });
  });
});

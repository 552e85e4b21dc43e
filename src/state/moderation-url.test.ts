import { describe, expect, it } from 'vitest';
import { formatUrlState, parseUrlState } from './url-state';

describe('the moderation tab in a link', () => {
  it('is written flik=tips and read back', () => {
    expect(formatUrlState({ tab: 'reports' })).toBe('?flik=tips');
    expect(parseUrlState('?flik=tips')).toEqual({ tab: 'reports', rejected: [] });
  });

  it('refuses the internal name in a link', () => {
    expect(parseUrlState('?flik=reports').rejected).toEqual(['flik=reports']);
  });
});

import { describe, expect, it } from 'vitest';
import { REPORT_DESCRIPTION_MAX } from '../domain/reports';
import {
  EMPTY_DRAFT, findingLink, firstErrorField, followLink, parseDraft, parseFollowHash, reportBody, reportFieldErrors, retryAt,
  validateReport, type ReportDraft,
} from './report-form';
import { stockholmDateTimeText } from '../domain/walks/stockholm-time';

const AT_HASSELBY: [number, number] = [17.8437, 59.3664];
const GOOD: ReportDraft = {
  ...EMPTY_DRAFT, position: AT_HASSELBY, positionHow: 'map', category: 'belysning', description: 'Mörk gångtunnel', times: ['kvall', 'natt'],
};

describe('report form validation', () => {
  it('accepts a complete draft', () => {
    expect(validateReport(GOOD, () => 'hasselby-vallingby')).toEqual({});
  });

  it('names every missing field with one code each', () => {
    expect(validateReport(EMPTY_DRAFT)).toEqual({ position: 'required', category: 'required', description: 'required', times: 'required' });
  });

  it('treats blank text as missing and long text as too long', () => {
    expect(validateReport({ ...GOOD, description: '   \n ' }).description).toBe('required');
    expect(validateReport({ ...GOOD, description: 'x'.repeat(REPORT_DESCRIPTION_MAX + 1) }).description).toBe('too_long');
  });

  it('checks the email address only when one is given', () => {
    expect(validateReport({ ...GOOD, email: '' })).toEqual({});
    expect(validateReport({ ...GOOD, email: ' boende@example.se ' })).toEqual({});
    expect(validateReport({ ...GOOD, email: 'inte en adress' })).toEqual({ email: 'invalid' });
  });

  it('refuses a place outside Stockholm, and one in no district when the lookup says so', () => {
    expect(validateReport({ ...GOOD, position: [18.9, 57.6] }).position).toBe('outside');
    expect(validateReport(GOOD, () => null).position).toBe('outside');
  });

  it('refuses a photo that is not an image data URL', () => {
    expect(validateReport({ ...GOOD, photo: { name: 'x.jpg', type: 'image/jpeg', dataUrl: 'data:text/html;base64,PGI+' } }).photo).toBe('invalid');
  });

  it('does not judge the honeypot (the server does, silently)', () => {
    expect(validateReport({ ...GOOD, website: 'http://spam.example' })).toEqual({});
    expect(reportBody({ ...GOOD, website: 'x' }).website).toBe('x');
  });

  it('orders fields as the form does', () => {
    expect(firstErrorField({ email: 'invalid', times: 'required' })).toBe('times');
    expect(firstErrorField({})).toBeNull();
  });
});

describe('server problems as field messages', () => {
  it('maps the 400 errors of POST /api/reports to form fields and keeps the rest apart', () => {
    const { fields, other } = reportFieldErrors([
      { field: 'position', code: 'position_outside' },
      { field: 'description', code: 'too_long' },
      { field: 'photo.dataUrl', code: 'invalid_photo' },
      { field: 'times', code: 'too_few' },
      { field: 'times.0', code: 'unknown_value' },
      { field: 'email', code: 'invalid' },
      { field: 'category', code: 'unknown_value' },
      { field: 'extra', code: undefined },
      { field: '(body)' },
    ]);
    expect(fields).toEqual({ position: 'outside', description: 'too_long', photo: 'invalid', times: 'required', email: 'invalid', category: 'required' });
    expect(other).toEqual([{ field: 'extra', code: undefined }, { field: '(body)' }]);
  });

  it('reads a missing position as not chosen', () => {
    expect(reportFieldErrors([{ field: 'position', code: 'required' }]).fields).toEqual({ position: 'required' });
    expect(reportFieldErrors([{ field: 'position', code: 'position_invalid' }]).fields).toEqual({ position: 'required' });
  });
});

describe('follow link', () => {
  const token = 'Ab_-0123456789abcdefghijklmnopqrstuvwxyzABC';

  it('puts the token in the fragment, never in the query', () => {
    const link = followLink('https://karta.example.se/?sel=finding:x&lang=en#old', token);
    expect(link).toBe(`https://karta.example.se/#rapport=${token}`);
    expect(new URL(link).search).toBe('');
  });

  it('keeps a base path', () => {
    expect(followLink('http://localhost:4174/karta/', token)).toBe(`http://localhost:4174/karta/#rapport=${token}`);
  });

  it('reads the token back from the hash', () => {
    expect(parseFollowHash(new URL(followLink('http://localhost/', token)).hash)).toEqual({ token });
    expect(parseFollowHash('')).toBeNull();
    expect(parseFollowHash('#other=1')).toBeNull();
    expect(parseFollowHash('#rapport=')).toEqual({ token: null });
    expect(parseFollowHash('#rapport=<script>')).toEqual({ token: null });
  });
});

describe('finding link', () => {
  it('selects the finding, in the chosen language, without the old view', () => {
    expect(findingLink('https://karta.example.se/?flik=near&nara=1,2#rapport=x', '0b8f-12', 'sv')).toBe('https://karta.example.se/?sel=finding:0b8f-12');
    expect(findingLink('http://localhost:4174/', 'abc', 'en')).toBe('http://localhost:4174/?sel=finding:abc&lang=en');
  });
});

describe('times in Stockholm', () => {
  it('writes local time, summer and winter', () => {
    expect(stockholmDateTimeText('2026-07-01T10:05:00.000Z')).toBe('2026-07-01 12:05');
    expect(stockholmDateTimeText('2026-12-31T23:30:00Z')).toBe('2027-01-01 00:30');
    expect(stockholmDateTimeText('nonsense')).toBe('nonsense');
  });

  it('says when to try again', () => {
    expect(retryAt(600, new Date('2026-01-10T12:00:00Z'))).toEqual({ minutes: 10, time: '13:10' });
    expect(retryAt(1, new Date('2026-01-10T12:00:00Z'))).toEqual({ minutes: 1, time: '13:00' });
  });
});

describe('draft from session storage', () => {
  it('keeps what a draft holds and drops anything else', () => {
    const stored = JSON.parse(JSON.stringify({ ...GOOD, email: 'a@b.se', extra: '<b>', times: ['natt', 'morgon'] })) as unknown;
    expect(parseDraft(stored)).toEqual({ ...GOOD, email: 'a@b.se', times: ['natt'] });
    expect(parseDraft(null)).toEqual(EMPTY_DRAFT);
    expect(parseDraft({ position: ['x', 1], positionHow: 'map' })).toEqual(EMPTY_DRAFT);
  });
});

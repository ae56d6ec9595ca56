import { describe, expect, it } from 'vitest';
import { phoneEn } from './en';
import { fill, isPhoneLanguage, messagesFor, otherLanguage } from './words';
import { phoneZhCN } from './zh-CN';

/** Every leaf as `path → text`. */
function leaves(value: unknown, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof value === 'string') {
    found.set(prefix, value);
    return found;
  }
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    for (const [path, text] of leaves(child, prefix === '' ? key : `${prefix}.${key}`)) found.set(path, text);
  }
  return found;
}

const places = (text: string): string[] => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? '').sort();

describe('phone words', () => {
  const zh = leaves(phoneZhCN);
  const en = leaves(phoneEn);

  it('has the same keys in English as in Chinese', () => {
    expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
  });

  it('uses the same places in both languages and leaves no text empty', () => {
    for (const [path, text] of zh) {
      expect(places(en.get(path) ?? ''), path).toEqual(places(text));
      expect(text.trim(), path).not.toBe('');
      expect((en.get(path) ?? '').trim(), path).not.toBe('');
    }
  });

  it('fills the places and leaves unknown ones', () => {
    expect(fill('剩余 {{time}}', { time: '01:00:00' })).toBe('剩余 01:00:00');
    expect(fill('{{a}}/{{b}}', { a: 1 })).toBe('1/{{b}}');
  });

  it('switches between the two languages', () => {
    expect(otherLanguage('zh-CN')).toBe('en');
    expect(otherLanguage('en')).toBe('zh-CN');
    expect(messagesFor('en').app.languageCode).toBe('en');
    expect(isPhoneLanguage('en')).toBe(true);
    expect(isPhoneLanguage('fr')).toBe(false);
  });
});

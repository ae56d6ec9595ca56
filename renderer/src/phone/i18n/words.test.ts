import { describe, expect, it } from 'vitest';
import { phoneEn } from './en';
import { NETWORK_DOWN } from '../api/phone-client';
import { fill, isPhoneLanguage, messagesFor, otherLanguage, reasonText, refusalText } from './words';
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

describe('reasonText', () => {
  it('words the network and known refusal codes, and keeps other reasons as the server wrote them', () => {
    expect(reasonText(NETWORK_DOWN, phoneZhCN)).toBe('连不上中心的服务器');
    expect(reasonText('CODE_USED', phoneEn)).toBe('The pairing code was used already; ask the centre for a new one');
    expect(reasonText('the disk is full', phoneZhCN)).toBe('the disk is full');
    expect(refusalText('STATE_NOT_ALLOWED', 'state is closed', phoneZhCN)).toBe('任务当前的状态不允许这项操作');
    expect(refusalText('DISK_FULL', 'no space left', phoneZhCN)).toBe('no space left');
  });
});

/**
 * The phone page's words: the two languages, `fill()` for the `{{name}}` places, and the choice stored on the
 * phone (Simplified Chinese unless the inspector switched).
 */
import { createContext, useContext } from 'react';
import { NETWORK_DOWN } from '../api/phone-client';
import { phoneEn } from './en';
import { phoneZhCN, type PhoneMessages } from './zh-CN';

export const PHONE_LANGUAGES = ['zh-CN', 'en'] as const;
export type PhoneLanguage = (typeof PHONE_LANGUAGES)[number];
export const DEFAULT_PHONE_LANGUAGE: PhoneLanguage = 'zh-CN';

const MESSAGES: Record<PhoneLanguage, PhoneMessages> = { 'zh-CN': phoneZhCN, en: phoneEn };

export function messagesFor(language: PhoneLanguage): PhoneMessages {
  return MESSAGES[language];
}

export function isPhoneLanguage(value: unknown): value is PhoneLanguage {
  return PHONE_LANGUAGES.some((language) => language === value);
}

export function otherLanguage(language: PhoneLanguage): PhoneLanguage {
  return language === 'zh-CN' ? 'en' : 'zh-CN';
}

/** Puts values into a message's `{{name}}` places; a place without a value stays as it is. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (place, name: string) => {
    const value = values[name];
    return value === undefined ? place : String(value);
  });
}

/**
 * A reason from the server or the network in the page's words: the network's and the known refusal codes are
 * translated, any other reason is shown as the server wrote it.
 */
export function reasonText(reason: string, m: PhoneMessages): string {
  if (reason === NETWORK_DOWN) return m.app.networkDown;
  return Object.hasOwn(m.refusals, reason) ? m.refusals[reason as keyof PhoneMessages['refusals']] : reason;
}

/** A refusal's code in the page's words when it knows the code, else the server's message. */
export function refusalText(code: string, message: string, m: PhoneMessages): string {
  return Object.hasOwn(m.refusals, code) ? reasonText(code, m) : message;
}

export interface Words {
  language: PhoneLanguage;
  m: PhoneMessages;
}

export const WordsContext = createContext<Words>({ language: DEFAULT_PHONE_LANGUAGE, m: phoneZhCN });

export function useWords(): Words {
  return useContext(WordsContext);
}

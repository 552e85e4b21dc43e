import { useCallback } from 'react';
import { translate, type MessageKey } from '../i18n/strings';
import { useApp } from '../state/store';

/** The translate function for the current interface language. */
export function useT(): (key: MessageKey, params?: Record<string, string | number>) => string {
  const lang = useApp((s) => s.lang);
  return useCallback((key, params) => translate(lang, key, params), [lang]);
}

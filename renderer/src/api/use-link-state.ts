import { useEffect, useState } from 'react';
import type { LinkState } from './transport';
import { useApi } from './use-api';

/** The state of the link that carries pushed messages. */
export function useLinkState(): LinkState {
  const api = useApi();
  const [state, setState] = useState<LinkState>('connecting');
  useEffect(() => api.onLinkState(setState), [api]);
  return state;
}

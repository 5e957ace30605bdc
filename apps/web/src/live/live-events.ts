import { fetchEventSource } from '@microsoft/fetch-event-source';
import type { QueryClient } from '@tanstack/react-query';
import { refreshOnce } from '../api/client';
import { getSession } from '../auth/session';

export type LiveStatus = 'connecting' | 'connected' | 'offline';

export interface LiveChange {
  kind: string;
  type: string;
  facilityIds: string[];
  tripId?: string;
}

class TokenExpired extends Error {}

/**
 * Follows `/api/v1/events` (server-sent events fed by the ledger) with the access token in a
 * header — EventSource cannot send one, and a token in the URL ends up in logs. Each change
 * refetches the queries on screen; on reconnect the `Last-Event-ID` (a ledger position) makes
 * the api replay what was missed.
 */
export function followLiveChanges(
  queryClient: QueryClient,
  onStatus: (status: LiveStatus) => void,
  onChange: (change: LiveChange) => void = () => undefined,
): () => void {
  const controller = new AbortController();
  let pending: ReturnType<typeof setTimeout> | undefined;
  const refetchSoon = () => {
    // a burst of events (a manifold fill of 40 cylinders) refetches once
    pending ??= setTimeout(() => {
      pending = undefined;
      void queryClient.invalidateQueries();
    }, 150);
  };
  onStatus('connecting');
  void fetchEventSource('/api/v1/events', {
    signal: controller.signal,
    openWhenHidden: true,
    headers: { Authorization: `Bearer ${getSession()?.accessToken ?? ''}` },
    async onopen(response) {
      if (response.status === 401 && (await refreshOnce())) throw new TokenExpired();
      if (!response.ok) throw new Error(`live events: HTTP ${response.status}`);
      onStatus('connected');
      refetchSoon(); // whatever changed while we were away
    },
    onmessage(message) {
      if (message.event !== 'change') return;
      onChange(JSON.parse(message.data) as LiveChange);
      refetchSoon();
    },
    onerror(error) {
      onStatus(error instanceof TokenExpired ? 'connecting' : 'offline');
      if (error instanceof TokenExpired) {
        // fetch-event-source keeps the headers it started with: start again with the new token
        controller.abort();
        restart();
        return undefined;
      }
      return 2000; // retry in 2 s, sending Last-Event-ID
    },
  }).catch(() => onStatus('offline'));
  let stopInner: (() => void) | undefined;
  const restart = () => {
    stopInner = followLiveChanges(queryClient, onStatus, onChange);
  };
  return () => {
    controller.abort();
    stopInner?.();
    if (pending) clearTimeout(pending);
  };
}

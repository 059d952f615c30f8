import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { TwinBridge } from '../../main/contract/bridge';
import type { Channel, EventName, EventOf, ReplyOf, RequestOf } from '../../main/contract/channels';

const BridgeContext = createContext<TwinBridge | null>(null);

export function BridgeProvider({ bridge, children }: { bridge: TwinBridge; children: ReactNode }) {
  return <BridgeContext.Provider value={bridge}>{children}</BridgeContext.Provider>;
}

export function useBridge(): TwinBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error('useBridge outside BridgeProvider');
  return bridge;
}

export function useEvent<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): void {
  const bridge = useBridge();
  useEffect(() => bridge.on(event, listener), [bridge, event, listener]);
}

export interface Query<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/** Invokes a channel and re-invokes when `request` (by value) or `reloadOn` events change. */
export function useQuery<C extends Channel>(channel: C, request: RequestOf<C> | null, reloadOn: EventName[] = []): Query<ReplyOf<C>> {
  const bridge = useBridge();
  const [data, setData] = useState<ReplyOf<C>>();
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [generation, setGeneration] = useState(0);
  const key = JSON.stringify(request);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);

  useEffect(() => {
    const offs = reloadOn.map((e) => bridge.on(e, reload));
    return () => offs.forEach((off) => off());
  }, [bridge, reload, reloadOn.join(',')]);

  useEffect(() => {
    if (request === null) return;
    let live = true;
    setLoading(true);
    bridge
      .invoke(channel, JSON.parse(key) as RequestOf<C>)
      .then((reply) => {
        if (!live) return;
        setData(reply);
        setError(null);
      })
      .catch((err: Error) => live && setError(err.message))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [bridge, channel, key, generation]);

  return { data, error, loading, reload };
}

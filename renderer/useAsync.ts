import { useCallback, useEffect, useState } from 'react';
import { ApiCallError } from './api/client';

/** The Polish message of any failure, for a MessageBar. */
export function messageOf(e: unknown): string {
  if (e instanceof ApiCallError) return e.message;
  return 'Wystąpił nieoczekiwany błąd. Spróbuj ponownie.';
}

/** Loads data on mount and when `deps` change; `reload` fetches again. */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: string | null; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller names the dependencies
  const run = useCallback(load, deps);
  useEffect(() => {
    let live = true;
    run().then(
      (d) => {
        if (live) {
          setData(d);
          setError(null);
        }
      },
      (e: unknown) => {
        if (live) setError(messageOf(e));
      },
    );
    return () => {
      live = false;
    };
  }, [run, tick]);
  return { data, error, reload: () => setTick((t) => t + 1) };
}

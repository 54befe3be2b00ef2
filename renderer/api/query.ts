import { keepPreviousData, QueryClient, useQueries, useQuery } from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput, MethodsOfKind } from '#core/contract';
import { call, onRevision } from './client';
import { messageOf } from '../useAsync';

type QueryMethod = MethodsOfKind<'query'>;

/**
 * The renderer's cache of what the backend answered. Data is fresh until the backend says its
 * records moved: every answer carries the store's revision (a command here, a pull or a push
 * in server mode), and a new one refreshes every open query in the background. So no screen
 * refetches on a timer or on focus, and none shows stale data after a change.
 */
export const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: Infinity,
      refetchOnWindowFocus: false,
      // A refusal is a Polish message, not a flaky network: asking again says the same.
      retry: false,
    },
  },
});

let revision: number | null = null;
onRevision((r) => {
  if (revision !== null && r !== revision) void queryClient.invalidateQueries();
  revision = r;
});

type Loadable = Exclude<MethodName, MethodsOfKind<'file'> | MethodsOfKind<'upload'>>;

/** The cache entry of one contract query: keyed by method and input, fetched through `call`. */
const queryOf = <M extends QueryMethod>(method: M, input: MethodInput<M>) => ({
  queryKey: [method, input] as const,
  queryFn: () => call(method as Loadable, input) as Promise<MethodOutput<M>>,
});

export type Loaded<T> = { data: T | null; error: string | null };

const loaded = <T>(q: { data: T | undefined; error: unknown }): Loaded<T> => ({ data: q.data ?? null, error: q.error ? messageOf(q.error) : null });

/**
 * One contract query, kept fresh by the revision. `enabled: false` waits (e.g. for an id);
 * `keepPrevious` shows the last answer while a changed input is asked (a filter being typed).
 */
export function useApi<M extends QueryMethod>(
  method: M,
  input: MethodInput<M>,
  opts: { enabled?: boolean; keepPrevious?: boolean; pollWhile?: (data: MethodOutput<M>) => boolean } = {},
): Loaded<MethodOutput<M>> {
  // `pollWhile`: asked again every 1.5 s while it holds — progress of background work (text
  // recognition) that moves no record, so no revision would bring it.
  const { pollWhile } = opts;
  return loaded(
    useQuery({
      ...queryOf(method, input),
      enabled: opts.enabled ?? true,
      placeholderData: opts.keepPrevious ? keepPreviousData : undefined,
      refetchInterval: pollWhile ? (q) => (q.state.data !== undefined && pollWhile(q.state.data) ? 1500 : false) : false,
    }),
  );
}

/** Several inputs of one query at once (the register's pages). */
export function useApiPages<M extends QueryMethod>(method: M, inputs: MethodInput<M>[]): Loaded<MethodOutput<M>>[] {
  return useQueries({ queries: inputs.map((input) => queryOf(method, input)) }).map(loaded);
}

import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';

/**
 * A change sent to the api, after which the lists it affects are fetched again: `refresh` names
 * their query keys, or `'all'` when the change shows on many pages (a fill, a recall).
 */
export function useSaving<Args = void, Result = unknown>(
  send: (args: Args) => Promise<Result>,
  refresh: QueryKey[] | 'all',
  onSaved?: (result: Result, args: Args) => void,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (result, args) => {
      if (refresh === 'all') void queryClient.invalidateQueries();
      else for (const queryKey of refresh) void queryClient.invalidateQueries({ queryKey });
      onSaved?.(result, args);
    },
  });
}

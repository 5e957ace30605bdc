import { refreshOnce } from '../../api/client';
import { getSession } from '../../auth/session';
import { NotSignedInAs, type Transport } from './send-queued';

/**
 * Sends a user's queued commands with that user's own tokens, and only while that user is the
 * one logged in on this phone. Another user logging in on the same phone must never send the
 * first one's queue under their identity: the check is made before each request and again
 * before the retry after a refresh (the session may change while a request is on its way).
 */
export function userTransport(userId: string): Transport {
  const tokenOf = () => {
    const session = getSession();
    if (session?.user.id !== userId) throw new NotSignedInAs(userId);
    return session.accessToken;
  };
  const withToken = (request: Request) => {
    request.headers.set('Authorization', `Bearer ${tokenOf()}`);
    return request;
  };
  return {
    canSend: () => getSession()?.user.id === userId,
    async send(request) {
      const retry = request.clone();
      const response = await fetch(withToken(request));
      if (response.status !== 401 || getSession()?.user.id !== userId) return response;
      return (await refreshOnce()) ? fetch(withToken(retry)) : response;
    },
  };
}

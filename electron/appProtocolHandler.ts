/** Registers `app://kancelaria/` (electron/appProtocol.ts) with Electron. */
import { protocol, type Session } from 'electron';
import { readFile } from 'node:fs/promises';
import { CONTENT_SECURITY_POLICY } from '#core/security/csp';
import { APP_SCHEME, resolveAppRequest } from './appProtocol';

/** Before the app is ready: the scheme is a standard, secure origin (relative URLs, fetch, module scripts). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
}

/** Serves the built renderer from `rootDir`, with the content security policy on every answer. */
export function serveApp(ses: Session, rootDir: string): void {
  ses.protocol.handle(APP_SCHEME, async (request) => {
    const found = request.method === 'GET' ? resolveAppRequest(request.url, rootDir) : null;
    if (found === null) return new Response(null, { status: 404 });
    try {
      const body = await readFile(found.path);
      return new Response(body, { status: 200, headers: { 'content-type': found.type, 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' } });
    } catch {
      return new Response(null, { status: 404 });
    }
  });
}

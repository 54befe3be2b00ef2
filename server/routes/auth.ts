import { loginRequestSchema, loginResponseSchema, logoutResponseSchema, meResponseSchema, refreshRequestSchema, refreshResponseSchema } from '#sync/protocol';
import { defineRoute } from '#server/api/route';
import { login, logout, refresh } from '#server/auth/sessions';

/** Accounts: logging in and out, refreshing the session, who am I. */
export const authRoutes = [
  defineRoute({
    method: 'POST',
    url: '/auth/login',
    tag: 'konto',
    summary: 'Logowanie loginem i hasłem',
    description:
      'Zwraca token dostępu (ok. 15 min) i token odświeżania (sesja do 12 h). Po 5 nieudanych próbach z rzędu konto blokuje się na 15 minut; z jednego adresu najwyżej 20 prób na minutę (429). Odpowiedź nie zdradza, czy login istnieje.',
    access: 'anonymous',
    body: loginRequestSchema,
    response: loginResponseSchema,
    handler: async ({ body, request, deps }) => login(deps.db, deps.config.auth, body, { ip: request.ip }),
  }),
  defineRoute({
    method: 'POST',
    url: '/auth/refresh',
    tag: 'konto',
    summary: 'Odświeżenie sesji (wymienia oba tokeny)',
    description: 'Wysłany token odświeżania przestaje działać; jego ponowne użycie kończy całą sesję.',
    access: 'anonymous',
    body: refreshRequestSchema,
    response: refreshResponseSchema,
    handler: async ({ body, request, deps }) => refresh(deps.db, deps.config.auth, body.refreshToken, { ip: request.ip }),
  }),
  defineRoute({
    method: 'POST',
    url: '/auth/logout',
    tag: 'konto',
    summary: 'Wylogowanie (kończy sesję)',
    access: 'signedIn',
    response: logoutResponseSchema,
    handler: async ({ user, request, deps }) => {
      await logout(deps.db, user, { ip: request.ip });
      return { ok: true as const };
    },
  }),
  defineRoute({
    method: 'GET',
    url: '/me',
    tag: 'konto',
    summary: 'Zalogowany użytkownik i jego sesja',
    access: 'signedIn',
    response: meResponseSchema,
    handler: ({ user }) => {
      const { session, ...who } = user;
      return Promise.resolve({
        user: who,
        session: {
          id: session.id,
          clientName: session.clientName,
          accessExpiresAt: session.accessExpiresAt.toISOString(),
          refreshExpiresAt: session.refreshExpiresAt.toISOString(),
        },
      });
    },
  }),
];

import { describe, expect, it } from 'vitest';
import { fail, isDomainError } from '#core/errors';

describe('fail', () => {
  it('renders the Polish message for a code with parameters', () => {
    const e = fail('FORBIDDEN', { action: 'rejestracja' });
    expect(isDomainError(e)).toBe(true);
    expect(e.code).toBe('FORBIDDEN');
    expect(e.message).toBe('Brak uprawnień do tej czynności (rejestracja).');
  });
  it('renders a message without parameters', () => {
    expect(fail('NOT_SIGNED_IN').message).toMatch(/Nie jesteś zalogowany/);
  });
});

import { describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { keyFromPhrase, keyIdOf, recoveryPhrase } from '#core/backup/archive';

describe('the backup key on paper', () => {
  it('comes back from its phrase, typed in small letters, with spaces, or with O for 0', () => {
    for (let i = 0; i < 50; i++) {
      const key = randomBytes(32);
      const phrase = recoveryPhrase(key);
      expect(phrase).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(keyFromPhrase(phrase)?.equals(key)).toBe(true);
      expect(keyFromPhrase(phrase.toLowerCase().replace(/-/g, ' '))?.equals(key)).toBe(true);
      expect(keyFromPhrase(phrase.replace(/0/g, 'O'))?.equals(key)).toBe(true);
    }
  });

  it('a mistyped or missing character is caught, not taken for another key', () => {
    const key = randomBytes(32);
    const phrase = recoveryPhrase(key);
    let caught = 0;
    for (let i = 0; i < phrase.length; i++) {
      if (phrase[i] === '-') continue;
      const typo = `${phrase.slice(0, i)}${phrase[i] === 'Z' ? 'Y' : 'Z'}${phrase.slice(i + 1)}`;
      if (keyFromPhrase(typo) === null) caught++;
    }
    // A 20-bit checksum: every single-character typo in this phrase is caught.
    expect(caught).toBe(56);
    expect(keyFromPhrase(phrase.slice(0, -1))).toBeNull();
    expect(keyFromPhrase('')).toBeNull();
  });

  it('a key is named without being given away', () => {
    const key = randomBytes(32);
    expect(keyIdOf(key)).toMatch(/^[0-9a-f]{16}$/);
    expect(keyIdOf(key)).not.toContain(key.toString('hex').slice(0, 8));
  });
});

import { describe, expect, it } from 'vitest';
import { desktopNotice, noticeLimiter } from '../../electron/desktopNotice';

describe('a desktop notice from the renderer', () => {
  it('is two short lines of plain text', () => {
    expect(desktopNotice('Nowe pismo w Twojej skrzynce', 'RPW/12/2026 — Wniosek o wydanie\r\nwarunków zabudowy')).toEqual({ title: 'Nowe pismo w Twojej skrzynce', body: 'RPW/12/2026 — Wniosek o wydanie warunków zabudowy' });
  });

  it('loses control characters and text-direction overrides a crafted sender name could carry', () => {
    expect(desktopNotice('Nowe\u0007 pismo', 'Jan \u202eKowalski\u202c\u0000')?.body).toBe('Jan Kowalski');
  });

  it('is cut to a length a notification shows; anything but text, or an empty title, is no notice', () => {
    const long = desktopNotice('T'.repeat(500), 'b'.repeat(5000));
    expect(long?.title).toHaveLength(120);
    expect(long?.body).toHaveLength(300);
    expect(long?.body.endsWith('…')).toBe(true);
    expect(desktopNotice(' \n ', 'x')).toBeNull();
    expect(desktopNotice({ toString: () => 'x' }, 'x')).toBeNull();
    expect(desktopNotice('x', 'b'.repeat(20_000))).toBeNull();
  });

  it('a page gone wrong cannot flood the desktop: six a minute, then again after the minute', () => {
    let t = 0;
    const may = noticeLimiter(6, () => t);
    expect(Array.from({ length: 10 }, () => may()).filter(Boolean)).toHaveLength(6);
    t = 59_999;
    expect(may()).toBe(false);
    t = 60_000;
    expect(may()).toBe(true);
  });
});

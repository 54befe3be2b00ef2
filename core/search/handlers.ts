import type { Handlers } from '#core/services/handlers';
import type { SearchHit } from '#core/contract';
import { requireUser } from '#core/services/access';
import { visibleUnitIds } from '#core/services/scope';
import { labelOf } from '#core/intake/handlers';
import { caseLabel } from '#core/cases/handlers';
import { partyAddress } from '#core/parties/handlers';
import { markSnippet } from '#core/search/snippet';
import { queryWords, rankedMatch } from '#core/search/query';
import { ui } from '#core/i18n/ui.pl';
import { searchCases, searchLetters, searchPartiesByWords } from '#db/searchRepo';
import type { PartyRow } from '#db/partyRepo';

/** Slower searches are logged, like slow transactions (Signal logs SQL over 40 ms). */
const SLOW_MS = 40;

/** Joins the non-empty parts of a line with a dash, the way the register prints them. */
function line(...parts: (string | null | undefined)[]): string {
  return parts.filter((p): p is string => !!p && p.trim().length > 0).join(' — ');
}

function withStatus(text: string, cancelled: boolean): string {
  return cancelled ? `${text} (${ui.search.cancelled})` : text;
}

function identifiers(p: PartyRow): string {
  return [p.pesel && `PESEL ${p.pesel}`, p.nip && `NIP ${p.nip}`, p.regon && `REGON ${p.regon}`].filter(Boolean).join(', ');
}

export const searchHandlers = {
  /**
   * The top bar's search: letters, cases and parties at once, each group best first.
   *
   * Letters and cases are narrowed to the units the person may read (a clerk of FN never sees
   * GK's mail, not even as a search hit); parties are shared by the whole office, as the sender
   * picker already shows them to everyone. Text typed that holds no word (only `"*-(`) finds
   * nothing rather than everything.
   */
  'search.all': (ctx, { q, limit }) => {
    const user = requireUser(ctx);
    const match = rankedMatch(q);
    const words = queryWords(q);
    if (!match || words.length === 0) return { letters: [], cases: [], parties: [] };
    const started = performance.now();
    const fts = { match, typed: q.trim(), unitIds: visibleUnitIds(ctx, user), limit };

    const letters = searchLetters(ctx.store, fts).map(
      (r): SearchHit => ({
        kind: 'letter',
        id: r.id,
        label: labelOf(r),
        title: withStatus(r.subject, r.status === 'cancelled'),
        // Found in what was read from a scan: the words around it there, said to be from the scan.
        snippet: r.scanText !== null ? `${ui.search.inScan}: ${markSnippet(r.scanText, words)}` : markSnippet(line([r.senderName, r.senderCity].filter(Boolean).join(', '), r.subject, r.senderReference), words),
      }),
    );
    const cases = searchCases(ctx.store, fts).map(
      (r): SearchHit => ({
        kind: 'case',
        id: r.id,
        label: caseLabel(r),
        title: withStatus(r.title, r.status === 'cancelled'),
        snippet: markSnippet(line(r.title, r.partyNames), words),
      }),
    );
    const parties = searchPartiesByWords(ctx.store, words, limit).map((p): SearchHit => {
      const address = partyAddress(p);
      return { kind: 'party', id: p.id, label: p.name, title: line(address, identifiers(p)), snippet: markSnippet(line(p.name, address, identifiers(p)), words) };
    });

    const ms = performance.now() - started;
    if (ms > SLOW_MS) ctx.log(`wolne wyszukiwanie (${ms.toFixed(1)} ms): ${String(letters.length)}/${String(cases.length)}/${String(parties.length)} wyników`);
    return { letters, cases, parties };
  },
} satisfies Handlers<'search.all'>;

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { SearchBox as FluentSearchBox, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import type { MethodOutput, SearchHit } from '#core/contract';
import { call } from '../api/client';
import { ui } from '../i18n';
import { messageOf } from '../useAsync';

type Found = MethodOutput<'search.all'>;

/** Fewer characters than this search nothing: one letter is a prefix of half the register. */
const MIN_CHARS = 2;
/** Wait for a pause in typing, so a fast typist sends one query, not one per key. */
const DEBOUNCE_MS = 180;
/** Per group: a top-bar list is for picking, the register is for browsing. */
const PER_GROUP = 8;

/**
 * A match marker as the services write it: `[[word]]` around letters and digits only.
 *
 * Parsed strictly, so brackets in the text itself can never turn into markup (the services also
 * split any `[[` found in the text), and rendered as React nodes, never as HTML.
 */
const MARK = /\[\[([\p{L}\p{N}\p{M}]+)\]\]/gu;

function marked(snippet: string): ReactNode[] {
  const out: ReactNode[] = [];
  let at = 0;
  for (const m of snippet.matchAll(MARK)) {
    if (m.index > at) out.push(snippet.slice(at, m.index));
    out.push(<mark key={m.index}>{m[1]}</mark>);
    at = m.index + m[0].length;
  }
  if (at < snippet.length) out.push(snippet.slice(at));
  return out;
}

const useStyles = makeStyles({
  root: { position: 'relative', width: 'min(30rem, 30vw)', minWidth: '14rem', flexShrink: 1 },
  input: { width: '100%', maxWidth: 'none' },
  popup: {
    position: 'absolute',
    top: 'calc(100% + 4px)',
    left: 0,
    zIndex: 20,
    width: 'max(100%, 30rem)',
    maxHeight: '70vh',
    overflowY: 'auto',
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    boxShadow: tokens.shadow16,
    borderRadius: tokens.borderRadiusMedium,
    paddingBlock: tokens.spacingVerticalXS,
  },
  message: { padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`, color: tokens.colorNeutralForeground2 },
  heading: {
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalXXS}`,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
    textTransform: 'uppercase',
    letterSpacing: '0.04em',
  },
  option: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    cursor: 'pointer',
    borderLeft: `3px solid transparent`,
  },
  active: { backgroundColor: tokens.colorNeutralBackground1Hover, borderLeft: `3px solid ${tokens.colorBrandStroke1}` },
  // The title (subject, case title; "anulowana" when cancelled) unmarked on one line; the
  // snippet below shows where the words matched.
  firstLine: { display: 'flex', gap: tokens.spacingHorizontalS, minWidth: 0 },
  label: { fontWeight: tokens.fontWeightSemibold, flexShrink: 0 },
  title: { minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  snippet: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  visuallyHidden: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clipPath: 'inset(50%)', whiteSpace: 'nowrap' },
});

/**
 * The top bar's search: numbers, case signs, senders and subjects in one box.
 *
 * An ARIA 1.2 combobox: focus stays in the input, the highlighted result is named by
 * aria-activedescendant, results are options in one labelled group per kind. Arrow keys move,
 * Enter opens, Escape closes (and, with the list closed, clears). A party has no screen of its
 * own yet: without `onOpenParty`, picking one searches for its name, which lists its letters
 * and cases.
 */
export function SearchBox(props: { onOpenLetter: (id: string) => void; onOpenCase: (id: string) => void; onOpenParty?: (id: string) => void }) {
  const s = useStyles();
  const base = useId();
  const listId = `${base}-lista`;
  const hintId = `${base}-podpowiedz`;
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<{ q: string; value: Found } | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  // Answers can come back out of order; only the latest query's answer is shown.
  const seq = useRef(0);

  const q = query.trim();
  const searchable = q.length >= MIN_CHARS;

  useEffect(() => {
    const mine = ++seq.current;
    if (!searchable) {
      setFound(null);
      setLoading(false);
      setError(null);
      return;
    }
    setLoading(true);
    const t = setTimeout(() => {
      call('search.all', { q, limit: PER_GROUP }).then(
        (value) => {
          if (mine !== seq.current) return;
          setFound({ q, value });
          setActive(-1);
          setError(null);
          setLoading(false);
        },
        (e: unknown) => {
          if (mine !== seq.current) return;
          setError(messageOf(e));
          setLoading(false);
        },
      );
    }, DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [q, searchable]);

  const groups = useMemo(() => {
    const v = found?.value;
    if (!v) return [];
    // `start` is the group's first index in the one list the arrow keys walk through.
    return [
      { kind: 'letter', heading: ui.search.letters, hits: v.letters, start: 0 },
      { kind: 'case', heading: ui.search.cases, hits: v.cases, start: v.letters.length },
      { kind: 'party', heading: ui.search.parties, hits: v.parties, start: v.letters.length + v.cases.length },
    ].filter((g) => g.hits.length > 0);
  }, [found]);
  const hits = useMemo(() => groups.flatMap((g) => g.hits), [groups]);
  const optionId = (i: number) => `${base}-wynik-${String(i)}`;

  useEffect(() => {
    if (active >= 0) document.getElementById(`${base}-wynik-${String(active)}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, base]);

  const showList = open && searchable && hits.length > 0;
  const showPopup = open && searchable && (hits.length > 0 || found !== null || loading || error !== null);

  const choose = (h: SearchHit) => {
    setActive(-1);
    if (h.kind === 'letter') props.onOpenLetter(h.id);
    else if (h.kind === 'case') props.onOpenCase(h.id);
    else if (props.onOpenParty) props.onOpenParty(h.id);
    else {
      setQuery(h.label);
      return;
    }
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const n = hits.length;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        setOpen(true);
        if (n > 0) setActive((a) => (a + 1) % n);
        break;
      case 'ArrowUp':
        e.preventDefault();
        setOpen(true);
        if (n > 0) setActive((a) => (a <= 0 ? n - 1 : a - 1));
        break;
      case 'Enter': {
        const h = showList ? hits[Math.max(active, 0)] : undefined;
        if (h) {
          e.preventDefault();
          choose(h);
        }
        break;
      }
      case 'Escape':
        // With the list open, Escape only closes it (and must not also clear the native
        // search field); with it closed, Escape clears the box as a search field does.
        if (open && searchable) {
          e.preventDefault();
          e.stopPropagation();
          setOpen(false);
          setActive(-1);
        } else {
          setQuery('');
        }
        break;
      case 'Tab':
        setOpen(false);
        break;
    }
  };

  let status = '';
  if (searchable && found && !loading) status = hits.length === 0 ? ui.search.none(found.q) : ui.search.count(hits.length);
  if (error) status = error;

  return (
    <div role="search" className={s.root}>
      <FluentSearchBox
        className={s.input}
        role="combobox"
        aria-label={ui.search.label}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={showList ? listId : undefined}
        aria-activedescendant={showList && active >= 0 ? optionId(active) : undefined}
        aria-describedby={hintId}
        placeholder={ui.search.placeholder}
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        dismiss={{ 'aria-label': ui.search.clear }}
        value={query}
        onChange={(_e, d) => {
          setQuery(d.value);
          setOpen(true);
          setActive(-1);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <span id={hintId} className={s.visuallyHidden}>
        {ui.search.hint}
      </span>
      <span role="status" className={s.visuallyHidden}>
        {open ? status : ''}
      </span>
      {showPopup && (
        // The popup never takes focus: a mouse press on it would blur the input and close it
        // before the click lands, so presses are swallowed and the input keeps focus.
        <div className={s.popup} onMouseDown={(e) => e.preventDefault()}>
          {error ? (
            <div className={s.message}>{error}</div>
          ) : hits.length === 0 ? (
            <div className={s.message}>{found && !loading ? ui.search.none(found.q) : ui.search.searching}</div>
          ) : (
            <div role="listbox" id={listId} aria-label={ui.search.results}>
              {groups.map((g) => (
                <div key={g.kind} role="group" aria-labelledby={`${base}-${g.kind}`}>
                  <div role="presentation" id={`${base}-${g.kind}`} className={s.heading}>
                    {g.heading}
                  </div>
                  {g.hits.map((h, k) => {
                    const i = g.start + k;
                    return (
                      <div
                        key={h.id}
                        id={optionId(i)}
                        role="option"
                        aria-selected={i === active}
                        className={mergeClasses(s.option, i === active && s.active)}
                        onMouseMove={() => i !== active && setActive(i)}
                        onClick={() => choose(h)}
                      >
                        {h.kind === 'party' ? (
                          <span>{marked(h.snippet)}</span>
                        ) : (
                          <>
                            <span className={s.firstLine}>
                              <span className={s.label}>{h.label}</span>
                              <span className={s.title}>{h.title}</span>
                            </span>
                            <span className={s.snippet}>{marked(h.snippet)}</span>
                          </>
                        )}
                      </div>
                    );
                  })}
                </div>
              ))}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

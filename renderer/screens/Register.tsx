import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { Button, Checkbox, Field, Input, makeStyles, MessageBar, MessageBarBody, Select, Text, Title2, tokens } from '@fluentui/react-components';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Channel, IncomingDetail, IncomingRow, MethodInput } from '#core/contract';
import { openDocument, saveFile } from '../api/client';
import { ui, channelLabels } from '../i18n';
import { plDateTime } from '../format';
import { letterStatus } from '../letterStatus';
import { messageOf } from '../useAsync';
import { useApi, useApiPages } from '../api/query';

const PAGE = 100;
const ROW_HEIGHT = 34;
type Row = IncomingRow & { whereabouts: IncomingDetail['whereabouts'] };
type SortBy = 'number' | 'receivedAt' | 'sender' | 'subject' | 'unit' | 'channel';

// Sized to fit the grid in a 1366 px window without scrolling sideways: fixed columns for what
// has a fixed shape, the rest share what is left.
const COLUMNS: { key: string; title: string; width: string; sort?: SortBy }[] = [
  { key: 'sel', title: '', width: '36px' },
  { key: 'number', title: ui.register.columns.number, width: '125px', sort: 'number' },
  { key: 'receivedAt', title: ui.register.columns.receivedAt, width: '135px', sort: 'receivedAt' },
  { key: 'sender', title: ui.register.columns.sender, width: 'minmax(140px, 1.2fr)', sort: 'sender' },
  { key: 'reference', title: ui.register.columns.reference, width: '100px' },
  { key: 'subject', title: ui.register.columns.subject, width: 'minmax(160px, 2fr)', sort: 'subject' },
  { key: 'channel', title: ui.register.columns.channel, width: '90px', sort: 'channel' },
  { key: 'attachments', title: ui.register.columns.attachments, width: '40px' },
  { key: 'unit', title: ui.register.columns.unit, width: '72px', sort: 'unit' },
  { key: 'where', title: ui.register.columns.where, width: 'minmax(130px, 1fr)' },
  { key: 'tracking', title: ui.register.columns.tracking, width: '100px' },
];
const TEMPLATE = COLUMNS.map((c) => c.width).join(' ');

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, height: '100%' },
  filters: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  grid: { border: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground1, display: 'flex', flexDirection: 'column', minHeight: '300px', flexGrow: 1 },
  head: { display: 'grid', gridTemplateColumns: TEMPLATE, borderBottom: `1px solid ${tokens.colorNeutralStroke1}`, backgroundColor: tokens.colorNeutralBackground3, fontWeight: tokens.fontWeightSemibold },
  headCell: { padding: '6px 8px', textAlign: 'left', border: 'none', background: 'none', font: 'inherit', cursor: 'pointer', color: tokens.colorNeutralForeground1 },
  scroller: { overflow: 'auto', flexGrow: 1, height: '60vh' },
  row: { display: 'grid', gridTemplateColumns: TEMPLATE, position: 'absolute', left: 0, right: 0, alignItems: 'center', borderBottom: `1px solid ${tokens.colorNeutralStroke3}`, cursor: 'pointer', ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover }, ':focus': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' } },
  cell: { padding: '0 8px', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  cancelled: { color: tokens.colorNeutralForeground4, textDecoration: 'line-through' },
  mono: { fontFamily: tokens.fontFamilyMonospace },
});

type Filter = { from: string; to: string; channel: '' | Channel; unitId: string; text: string; includeCancelled: boolean };

export function Register({ onOpen }: { onOpen: (id: string) => void }) {
  const s = useStyles();
  const units = useApi('office.units', {});
  const [filter, setFilter] = useState<Filter>({ from: '', to: '', channel: '', unitId: '', text: '', includeCancelled: true });
  const [sort, setSort] = useState<{ by: SortBy; dir: 'asc' | 'desc' }>({ by: 'number', dir: 'desc' });
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const scroller = useRef<HTMLDivElement>(null);

  const query = useCallback((): Pick<MethodInput<'register.list'>, 'filter' | 'sort'> => ({
    filter: { from: filter.from || null, to: filter.to || null, channel: filter.channel || null, unitId: filter.unitId || null, text: filter.text, includeCancelled: filter.includeCancelled },
    sort,
  }), [filter, sort]);
  // The list follows the filter once typing pauses (a query per key press would flicker).
  const [asked, setAsked] = useState(query);
  useEffect(() => {
    const t = setTimeout(() => setAsked(query()), 200);
    return () => clearTimeout(t);
  }, [query]);

  // Page 0 says how many rows there are; the rest are asked for as they scroll into view. Each
  // page is a query of its own: a pull that changes the register refreshes the pages on screen
  // in place (a provisional label becomes its number without reopening the register).
  const first = useApi('register.list', { ...asked, offset: 0, limit: PAGE }, { keepPrevious: true });
  const total = first.data?.total ?? 0;
  const virtualizer = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });
  const items = virtualizer.getVirtualItems();
  const more = [...new Set(items.map((it) => Math.floor(it.index / PAGE)))].filter((p) => p > 0);
  const morePages = useApiPages('register.list', more.map((p) => ({ ...asked, offset: p * PAGE, limit: PAGE })));
  const pages = new Map<number, Row[]>();
  if (first.data) pages.set(0, first.data.rows);
  more.forEach((p, i) => {
    const rows = morePages[i]?.data?.rows;
    if (rows) pages.set(p, rows);
  });
  const loadError = first.error ?? morePages.find((p) => p.error)?.error ?? null;

  const rowAt = (i: number) => pages.get(Math.floor(i / PAGE))?.[i % PAGE];
  const setF = <K extends keyof Filter>(k: K, v: Filter[K]) => setFilter((f) => ({ ...f, [k]: v }));
  const toggleSort = (by: SortBy) => setSort((cur) => ({ by, dir: cur.by === by && cur.dir === 'desc' ? 'asc' : 'desc' }));
  const onRowKey = (e: KeyboardEvent<HTMLDivElement>, id: string, index: number) => {
    if (e.key === 'Enter') {
      // Handled here: otherwise the same key press goes on to the window's "Zamknij", where the focus lands.
      e.preventDefault();
      onOpen(id);
    }
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const next = index + (e.key === 'ArrowDown' ? 1 : -1);
      if (next < 0 || next >= total) return;
      virtualizer.scrollToIndex(next);
      setTimeout(() => scroller.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)?.focus(), 30);
    }
  };

  return (
    <section className={s.wrap} aria-labelledby="register-title">
      <Title2 as="h1" id="register-title">{ui.register.title}</Title2>
      <div className={s.filters}>
        <Field label={ui.register.text}>
          <Input value={filter.text} onChange={(_, d) => setF('text', d.value)} type="search" style={{ width: 260 }} />
        </Field>
        <Field label={ui.register.from}>
          <Input type="date" value={filter.from} onChange={(_, d) => setF('from', d.value)} />
        </Field>
        <Field label={ui.register.to}>
          <Input type="date" value={filter.to} onChange={(_, d) => setF('to', d.value)} />
        </Field>
        <Field label={ui.register.channel}>
          <Select value={filter.channel} onChange={(_, d) => setF('channel', d.value as Filter['channel'])}>
            <option value="">{ui.register.any}</option>
            {(Object.keys(channelLabels) as Channel[]).map((c) => <option key={c} value={c}>{channelLabels[c]}</option>)}
          </Select>
        </Field>
        <Field label={ui.register.unit}>
          <Select value={filter.unitId} onChange={(_, d) => setF('unitId', d.value)}>
            <option value="">{ui.register.any}</option>
            {(units.data ?? []).map((u) => <option key={u.id} value={u.id}>{u.symbol}</option>)}
          </Select>
        </Field>
        <Checkbox label={ui.register.includeCancelled} checked={filter.includeCancelled} onChange={(_, d) => setF('includeCancelled', d.checked === true)} />
      </div>
      <div className={s.actions}>
        <Text aria-live="polite" data-testid="register-count">{ui.register.count(total)}</Text>
        <Button onClick={() => void openDocument('register.pdf', { filter: query().filter }).catch((e: unknown) => setError(messageOf(e)))}>{ui.register.printPdf}</Button>
        <Button onClick={() => void saveFile('register.csv', query()).catch((e: unknown) => setError(messageOf(e)))}>{ui.register.exportCsv}</Button>
        <Button disabled={selected.size === 0} onClick={() => void openDocument('documents.labelSheet', { ids: [...selected], startAt: 1 }).catch((e: unknown) => setError(messageOf(e)))}>
          {ui.register.printLabels} ({selected.size})
        </Button>
      </div>
      {(error ?? loadError) && <MessageBar intent="error" layout="multiline"><MessageBarBody>{error ?? loadError}</MessageBarBody></MessageBar>}
      <div className={s.grid} role="grid" aria-label={ui.register.gridLabel} aria-rowcount={total + 1}>
        <div className={s.head} role="row" aria-rowindex={1}>
          {COLUMNS.map((c) =>
            c.sort ? (
              <button
                key={c.key}
                type="button"
                role="columnheader"
                className={s.headCell}
                aria-sort={sort.by === c.sort ? (sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
                title={ui.register.sortBy(c.title)}
                onClick={() => c.sort && toggleSort(c.sort)}
              >
                {c.title} {sort.by === c.sort ? (sort.dir === 'asc' ? '▲' : '▼') : ''}
              </button>
            ) : (
              <div key={c.key} role="columnheader" className={s.headCell} aria-label={c.key === 'sel' ? 'Zaznacz' : undefined}>
                {c.title}
              </div>
            ),
          )}
        </div>
        <div ref={scroller} className={s.scroller}>
          {total === 0 && pages.has(0) && <Text style={{ padding: 12, display: 'block' }}>{ui.register.empty}</Text>}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((it) => {
              const r = rowAt(it.index);
              return (
                <div
                  key={it.key}
                  role="row"
                  aria-rowindex={it.index + 2}
                  data-index={it.index}
                  tabIndex={0}
                  className={s.row}
                  style={{ top: it.start, height: ROW_HEIGHT }}
                  onClick={() => r && onOpen(r.id)}
                  onKeyDown={(e) => r && onRowKey(e, r.id, it.index)}
                >
                  {r ? (
                    <>
                      <div role="gridcell" className={s.cell} onClick={(e) => e.stopPropagation()}>
                        <Checkbox
                          aria-label={`Zaznacz ${r.label}`}
                          checked={selected.has(r.id)}
                          onChange={(_, d) => setSelected((cur) => {
                            const n = new Set(cur);
                            if (d.checked) n.add(r.id);
                            else n.delete(r.id);
                            return n;
                          })}
                        />
                      </div>
                      <div role="gridcell" className={`${s.cell} ${s.mono} ${r.status === 'cancelled' ? s.cancelled : ''}`} title={r.label}>
                        {r.label}
                        {r.provisional ? ` (${ui.register.provisional})` : ''}
                      </div>
                      <div role="gridcell" className={s.cell}>{plDateTime(r.receivedAt)}</div>
                      <div role="gridcell" className={s.cell} title={`${r.senderName}, ${r.senderAddress}`}>{r.senderName}</div>
                      <div role="gridcell" className={s.cell}>{r.senderReference ?? ''}</div>
                      <div role="gridcell" className={s.cell} title={r.subject}>
                        {r.status === 'cancelled' && <strong>{ui.register.cancelled}: </strong>}
                        {r.subject}
                      </div>
                      <div role="gridcell" className={s.cell} title={channelLabels[r.channel]}>{channelLabels[r.channel]}</div>
                      <div role="gridcell" className={s.cell}>{r.attachmentsCount}</div>
                      <div role="gridcell" className={s.cell}>{r.unitSymbol}</div>
                      <div role="gridcell" className={s.cell} title={letterStatus({ ...r, direction: 'in' })}>{letterStatus({ ...r, direction: 'in' }, { short: true })}</div>
                      <div role="gridcell" className={`${s.cell} ${s.mono}`}>{r.trackingNumber ?? ''}</div>
                    </>
                  ) : (
                    <div role="gridcell" className={s.cell}>{ui.app.loading}</div>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
}

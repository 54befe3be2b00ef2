import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { Field, Input, makeStyles, tokens } from '@fluentui/react-components';
import type { MethodOutput } from '#core/contract';
import { ui } from '../i18n';

type JrwaClass = MethodOutput<'admin.jrwaList'>[number];

const useStyles = makeStyles({
  list: { maxHeight: '260px', overflow: 'auto', border: `1px solid ${tokens.colorNeutralStroke1}`, borderRadius: tokens.borderRadiusMedium, marginTop: tokens.spacingVerticalXS },
  group: { paddingBlock: '2px' },
  option: { padding: '3px 8px', cursor: 'pointer', display: 'flex', gap: tokens.spacingHorizontalS, ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover } },
  branch: { padding: '3px 8px', color: tokens.colorNeutralForeground3, fontWeight: tokens.fontWeightSemibold, cursor: 'default' },
  active: { backgroundColor: tokens.colorBrandBackground2, outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '-2px' },
  selected: { fontWeight: tokens.fontWeightSemibold },
  symbol: { fontFamily: tokens.fontFamilyMonospace, minWidth: '3.5em' },
  category: { marginLeft: 'auto', color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
});

/** Folds Polish letters for matching what a clerk types against class names. */
function fold(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/ł/gi, 'l').toLowerCase();
}

/**
 * The JRWA as a tree to choose a case's class from: every level shown for orientation, only
 * leaf classes selectable (a case sign uses a leaf), each with its archival categories. Typing
 * filters by symbol or name and keeps the branches above what matches.
 */
export function JrwaPicker(props: { classes: readonly JrwaClass[]; value: string; onChange: (symbol: string) => void }) {
  const s = useStyles();
  const listId = useId();
  const [filter, setFilter] = useState('');
  const [active, setActive] = useState(0);
  const visible = useMemo(() => {
    const f = fold(filter.trim());
    const matches = (c: JrwaClass) => f === '' || c.symbol.startsWith(f) || fold(c.name).includes(f);
    const leaves = props.classes.filter((c) => c.isLeaf && matches(c));
    const keep = new Set<string>();
    for (const leaf of leaves) for (let i = 1; i <= leaf.symbol.length; i++) keep.add(leaf.symbol.slice(0, i));
    return props.classes.filter((c) => keep.has(c.symbol));
  }, [props.classes, filter]);
  const leaves = visible.filter((c) => c.isLeaf);
  const groups = visible.filter((c) => c.symbol.length === 1);
  const current = leaves[Math.min(active, leaves.length - 1)];
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((a) => Math.min(a + 1, leaves.length - 1));
    else if (e.key === 'ArrowUp') setActive((a) => Math.max(a - 1, 0));
    else if (e.key === 'Enter' && current) props.onChange(current.symbol);
    else return;
    e.preventDefault();
  };
  const optionId = (symbol: string) => `${listId}-${symbol}`;
  return (
    <Field label={ui.caseOpen.jrwa} required>
      <Input
        value={filter}
        placeholder={ui.caseOpen.jrwaFilter}
        aria-label={ui.caseOpen.jrwaFilter}
        role="combobox"
        aria-expanded
        aria-controls={listId}
        aria-activedescendant={current ? optionId(current.symbol) : undefined}
        onChange={(_, d) => {
          setFilter(d.value);
          setActive(0);
        }}
        onKeyDown={onKey}
        autoFocus
      />
      <div role="listbox" id={listId} aria-label={ui.caseOpen.jrwa} className={s.list}>
        {groups.map((g) => (
          <div key={g.symbol} role="group" aria-label={`${g.symbol} ${g.name}`} className={s.group}>
            {visible
              .filter((c) => c.symbol.startsWith(g.symbol))
              .map((c) =>
                c.isLeaf ? (
                  <div
                    key={c.symbol}
                    id={optionId(c.symbol)}
                    role="option"
                    aria-selected={props.value === c.symbol}
                    className={`${s.option} ${current?.symbol === c.symbol ? s.active : ''} ${props.value === c.symbol ? s.selected : ''}`}
                    style={{ paddingLeft: 8 + (c.symbol.length - 1) * 16 }}
                    onClick={() => {
                      setActive(leaves.indexOf(c));
                      props.onChange(c.symbol);
                    }}
                  >
                    <span className={s.symbol}>{c.symbol}</span>
                    <span>{c.name}</span>
                    <span className={s.category}>{ui.caseOpen.categories(c.categoryOwner, c.categoryOther)}</span>
                  </div>
                ) : (
                  <div key={c.symbol} role="option" aria-disabled="true" aria-selected={false} className={s.branch} style={{ paddingLeft: 8 + (c.symbol.length - 1) * 16 }}>
                    {c.symbol} {c.name}
                  </div>
                ),
              )}
          </div>
        ))}
      </div>
    </Field>
  );
}

import { useEffect, useState } from 'react';
import { Button, Field, makeStyles, MessageBar, MessageBarBody, Select, Text, Title3, tokens } from '@fluentui/react-components';
import type { Settings } from '#core/contract';
import { call } from '../api/client';
import { ui } from '../i18n';
import { messageOf } from '../useAsync';
import { useApi } from '../api/query';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, maxWidth: '1000px' },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'grid', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  form: { display: 'grid', gridTemplateColumns: 'repeat(3, minmax(0, 1fr))', gap: tokens.spacingHorizontalM, alignItems: 'end', padding: tokens.spacingVerticalM, border: `1px solid ${tokens.colorNeutralStroke2}`, backgroundColor: tokens.colorNeutralBackground1 },
  muted: { color: tokens.colorNeutralForeground3 },
  // A long option (a position title) must not widen the select past its column over the buttons.
  select: { minWidth: 0, width: '100%', '& select': { minWidth: 0, width: '100%', textOverflow: 'ellipsis' } },
  field: { minWidth: 0 },
});

type Path = Settings['approvalPaths'][number];
const MAX_STAGES = 6;

/**
 * Ścieżki akceptacji: for a unit (and optionally one decision type), who approves a draft in
 * turn. Saved with the office settings; the server checks every person and unit again.
 */
export function ApprovalPathsEditor() {
  const s = useStyles();
  const settings = useApi('admin.settings', {});
  const units = useApi('office.units', {});
  const people = useApi('office.people', {});
  const types = useApi('decisions.types', {});
  const [paths, setPaths] = useState<Path[]>([]);
  const [unitId, setUnitId] = useState('');
  const [typeCode, setTypeCode] = useState('');
  const [stages, setStages] = useState<string[]>(['']);
  const [msg, setMsg] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  useEffect(() => {
    if (settings.data) setPaths(settings.data.approvalPaths);
  }, [settings.data]);

  const unitName = (id: string) => units.data?.find((u) => u.id === id)?.symbol ?? '?';
  const personName = (id: string) => people.data?.find((u) => u.id === id)?.fullName ?? '?';
  const typeName = (code: string | null) => (code === null ? ui.paths.allTypes : (types.data?.find((t) => t.code === code)?.name ?? code));

  const save = async (next: Path[]) => {
    if (!settings.data) return;
    try {
      const saved = await call('admin.updateSettings', { ...settings.data, approvalPaths: next });
      setPaths(saved.approvalPaths);
      setMsg({ intent: 'success', text: ui.paths.saved });
    } catch (e) {
      setMsg({ intent: 'error', text: messageOf(e) });
    }
  };
  const add = () => {
    const approverIds = stages.filter(Boolean);
    if (!unitId || approverIds.length === 0) {
      setMsg({ intent: 'error', text: ui.paths.incomplete });
      return;
    }
    void save([...paths.filter((p) => !(p.unitId === unitId && p.typeCode === (typeCode || null))), { unitId, typeCode: typeCode || null, approverIds }]).then(() => setStages(['']));
  };

  return (
    <section className={s.wrap} aria-labelledby="paths-title">
      <Title3 as="h2" id="paths-title">{ui.paths.title}</Title3>
      <Text className={s.muted}>{ui.paths.lead}</Text>
      {msg && <MessageBar intent={msg.intent} layout="multiline"><MessageBarBody>{msg.text}</MessageBarBody></MessageBar>}
      {paths.length === 0 ? (
        <Text>{ui.paths.none}</Text>
      ) : (
        <ul className={s.list} aria-label={ui.paths.title}>
          {paths.map((p) => (
            <li key={`${p.unitId}/${p.typeCode ?? '*'}`} className={s.row}>
              <span>{ui.paths.describe(unitName(p.unitId), typeName(p.typeCode), p.approverIds.map(personName).join(' → '))}</span>
              <Button size="small" aria-label={ui.paths.removeLabel(unitName(p.unitId), typeName(p.typeCode))} onClick={() => void save(paths.filter((x) => x !== p))}>
                {ui.paths.remove}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className={s.form} role="group" aria-label={ui.paths.addTitle}>
        <Field label={ui.paths.unit} required className={s.field}>
          <Select className={s.select} value={unitId} onChange={(_, d) => setUnitId(d.value)}>
            <option value="">{ui.paths.choose}</option>
            {units.data?.map((u) => <option key={u.id} value={u.id}>{`${u.symbol} — ${u.name}`}</option>)}
          </Select>
        </Field>
        <Field label={ui.paths.type} className={s.field}>
          <Select className={s.select} value={typeCode} onChange={(_, d) => setTypeCode(d.value)}>
            <option value="">{ui.paths.allTypes}</option>
            {types.data?.filter((t) => t.isDecision).map((t) => <option key={t.code} value={t.code}>{t.name}</option>)}
          </Select>
        </Field>
        <span />
        {stages.map((st, i) => (
          <Field key={i} label={ui.paths.stage(i + 1)} required={i === 0} className={s.field}>
            <Select className={s.select} value={st} onChange={(_, d) => setStages((xs) => xs.map((x, j) => (j === i ? d.value : x)))}>
              <option value="">{ui.paths.choose}</option>
              {people.data?.filter((u) => u.role !== 'registry').map((u) => <option key={u.id} value={u.id}>{`${u.fullName} — ${u.position}`}</option>)}
            </Select>
          </Field>
        ))}
        <div className={s.row}>
          {stages.length < MAX_STAGES && <Button onClick={() => setStages((xs) => [...xs, ''])}>{ui.paths.addStage}</Button>}
          <Button appearance="primary" onClick={add}>{ui.paths.add}</Button>
        </div>
      </div>
    </section>
  );
}

import { useEffect, useState } from 'react';
import { Button, Card, Field, Input, makeStyles, mergeClasses, MessageBar, MessageBarBody, Select, Tab, TabList, Text, Textarea, Title2, Title3, tokens } from '@fluentui/react-components';
import type { JrwaImportReport, Settings } from '#core/contract';
import { call, ApiCallError } from '../api/client';
import { ui } from '../i18n';
import { messageOf } from '../useAsync';
import { useApi } from '../api/query';
import { wholeOf } from '../format';
import { ApprovalPathsEditor } from '../components/ApprovalPathsEditor';
import { TemplateEditor } from './TemplateEditor';
import { EventLog } from './EventLog';
import { DirectoryAdmin } from './DirectoryAdmin';
import { JrwaClassForm, type JrwaDraft } from '../components/JrwaClassForm';
import { TrustedListCard } from '../components/TrustedListCard';
import { TextFilePicker } from '../components/TextFilePicker';

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '1000px' },
  // The template editor sets its text beside the list of templates and placeholders.
  full: { maxWidth: 'none' },
  grid: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalM },
  wide: { gridColumn: '1 / 3' },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  table: { borderCollapse: 'collapse', width: '100%', '& th, & td': { textAlign: 'left', padding: '4px 8px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } },
  tree: { maxHeight: '320px', overflow: 'auto' },
});

type AdminTab = 'settings' | 'directory' | 'templates' | 'paths' | 'log';
const ADMIN_TABS: readonly AdminTab[] = ['settings', 'directory', 'templates', 'paths', 'log'];

/** `withServer`: the office's copies are the central server's (set there), not this workstation's. */
export function Admin({ withServer }: { withServer: boolean }) {
  const s = useStyles();
  const loaded = useApi('admin.settings', {});
  const jrwa = useApi('admin.jrwaList', {});
  const [form, setForm] = useState<Settings | null>(null);
  const [msg, setMsg] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  // The number fields as typed, until saved (a half-typed number is not the setting yet).
  const [numbers, setNumbers] = useState<{ maxScanMb?: string; deadlineWarningDays?: string }>({});
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [report, setReport] = useState<JrwaImportReport | null>(null);
  const [jrwaError, setJrwaError] = useState<string | null>(null);
  const [rootsText, setRootsText] = useState('');
  // A class picked from the list for correction; each pick is counted to give the form a fresh key.
  const [jrwaPick, setJrwaPick] = useState<{ draft: JrwaDraft; n: number } | null>(null);
  const [tab, setTab] = useState<AdminTab>('settings');
  useEffect(() => {
    if (loaded.data) {
      setForm(loaded.data);
      setRootsText(loaded.data.trustedRootsPem.join('\n'));
    }
  }, [loaded.data]);

  const save = async () => {
    if (!form) return;
    setFields({});
    // Numbers as typed: what is not a number in range is said, never quietly made 1 or 0.
    const maxScanMb = numbers.maxScanMb === undefined ? form.maxScanMb : wholeOf(numbers.maxScanMb);
    const deadlineWarningDays = numbers.deadlineWarningDays === undefined ? form.deadlineWarningDays : wholeOf(numbers.deadlineWarningDays);
    const wrong = {
      ...(typeof maxScanMb !== 'number' || maxScanMb < 1 || maxScanMb > 1000 ? { maxScanMb: ui.admin.maxScanMbInvalid } : {}),
      ...(typeof deadlineWarningDays !== 'number' || deadlineWarningDays > 30 ? { deadlineWarningDays: ui.admin.deadlineWarningDaysInvalid } : {}),
    };
    if (Object.keys(wrong).length > 0 || typeof maxScanMb !== 'number' || typeof deadlineWarningDays !== 'number') {
      setFields(wrong);
      setMsg({ intent: 'error', text: Object.values(wrong).join(' ') });
      return;
    }
    try {
      // Each certificate is kept as one PEM block; anything else pasted around them is dropped.
      const trustedRootsPem = rootsText.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
      // Approval paths are edited on their own tab: keep what is saved now, not what this form loaded.
      const { approvalPaths } = await call('admin.settings', {});
      setForm(await call('admin.updateSettings', { ...form, maxScanMb, deadlineWarningDays, trustedRootsPem, approvalPaths }));
      setNumbers({});
      setMsg({ intent: 'success', text: ui.admin.saved });
    } catch (e) {
      if (e instanceof ApiCallError) setFields(e.fields);
      setMsg({ intent: 'error', text: messageOf(e) });
    }
  };
  const runImport = async (dryRun: boolean) => {
    if (!file) return;
    setJrwaError(null);
    try {
      setReport(await call('admin.jrwaImport', { fileName: file.name, text: file.text, dryRun }));
    } catch (e) {
      setJrwaError(messageOf(e));
    }
  };
  const setOffice = (k: 'name' | 'shortName' | 'city') => (_: unknown, d: { value: string }) => setForm((f) => (f ? { ...f, office: { ...f.office, [k]: d.value } } : f));

  return (
    <section className={mergeClasses(s.wrap, (tab === 'templates' || tab === 'log' || tab === 'directory') && s.full)} aria-labelledby="admin-title">
      <Title2 as="h1" id="admin-title">{ui.admin.title}</Title2>
      <TabList selectedValue={tab} onTabSelect={(_, d) => setTab(ADMIN_TABS.find((t) => t === d.value) ?? 'settings')} aria-label={ui.admin.tabsLabel}>
        <Tab value="settings">{ui.admin.tabSettings}</Tab>
        <Tab value="directory">{ui.admin.tabDirectory}</Tab>
        <Tab value="templates">{ui.admin.tabTemplates}</Tab>
        <Tab value="paths">{ui.admin.tabPaths}</Tab>
        <Tab value="log">{ui.admin.tabLog}</Tab>
      </TabList>
      {tab === 'log' && <EventLog />}
      {tab === 'directory' && <DirectoryAdmin />}
      {tab === 'templates' && <TemplateEditor />}
      {tab === 'paths' && <ApprovalPathsEditor />}
      {tab === 'settings' && (
        <>
          {loaded.error && <MessageBar intent="error" layout="multiline"><MessageBarBody>{loaded.error}</MessageBarBody></MessageBar>}
          {form && (
            <Card>
              <Title3 block as="h2">{ui.admin.settings}</Title3>
              {msg && <MessageBar intent={msg.intent} layout="multiline"><MessageBarBody>{msg.text}</MessageBarBody></MessageBar>}
              <div className={s.grid}>
                <Field label={ui.admin.officeName}><Input value={form.office.name} onChange={setOffice('name')} /></Field>
                <Field label={ui.admin.officeShortName}><Input value={form.office.shortName} onChange={setOffice('shortName')} /></Field>
                <Field label={ui.admin.addressLines}>
                  <Textarea value={form.office.addressLines.join('\n')} onChange={(_, d) => setForm({ ...form, office: { ...form.office, addressLines: d.value.split('\n') } })} />
                </Field>
                <Field label={ui.admin.city}><Input value={form.office.city} onChange={setOffice('city')} /></Field>
                <Field label={ui.admin.incomingPattern} hint={ui.admin.incomingPatternHint} validationMessage={fields.incomingPattern} validationState={fields.incomingPattern ? 'error' : 'none'}>
                  <Input value={form.incomingPattern} onChange={(_, d) => setForm({ ...form, incomingPattern: d.value })} />
                </Field>
                <Field label={ui.admin.maxScanMb} validationMessage={fields.maxScanMb} validationState={fields.maxScanMb ? 'error' : 'none'}>
                  <Input inputMode="numeric" value={numbers.maxScanMb ?? String(form.maxScanMb)} onChange={(_, d) => setNumbers((n) => ({ ...n, maxScanMb: d.value }))} />
                </Field>
                <Field label={ui.admin.deadlineWarningDays} validationMessage={fields.deadlineWarningDays} validationState={fields.deadlineWarningDays ? 'error' : 'none'}>
                  <Input inputMode="numeric" value={numbers.deadlineWarningDays ?? String(form.deadlineWarningDays)} onChange={(_, d) => setNumbers((n) => ({ ...n, deadlineWarningDays: d.value }))} />
                </Field>
                <Field label={ui.admin.organ}>
                  <Input value={form.organ} onChange={(_, d) => setForm({ ...form, organ: d.value })} />
                </Field>
                <Field label={ui.admin.appealBody}>
                  <Input value={form.appealBody} onChange={(_, d) => setForm({ ...form, appealBody: d.value })} />
                </Field>
                <Field label={ui.admin.trustedRoots} className={s.wide}>
                  <Textarea rows={3} value={rootsText} onChange={(_, d) => setRootsText(d.value)} />
                </Field>
                <Field label={ui.admin.tsaUrl} hint={ui.admin.tsaUrlHint} className={s.wide} validationMessage={fields.tsaUrl} validationState={fields.tsaUrl ? 'error' : 'none'}>
                  <Input type="url" value={form.tsaUrl ?? ''} onChange={(_, d) => setForm({ ...form, tsaUrl: d.value.trim() === '' ? null : d.value.trim() })} />
                </Field>
                <Field label={ui.admin.scanFolder} hint={ui.admin.scanFolderHint} className={s.wide} validationMessage={fields.scanFolder} validationState={fields.scanFolder ? 'error' : 'none'}>
                  <Input value={form.scanFolder ?? ''} onChange={(_, d) => setForm({ ...form, scanFolder: d.value.trim() === '' ? null : d.value })} />
                </Field>
                {withServer ? (
                  <Text className={s.wide}>{ui.admin.backupOnServer}</Text>
                ) : (
                  <>
                    <Field label={ui.admin.backupFolder} hint={ui.admin.backupFolderHint} className={s.wide} validationMessage={fields['backup.folder']} validationState={fields['backup.folder'] ? 'error' : 'none'}>
                      <Input value={form.backup.folder ?? ''} onChange={(_, d) => setForm({ ...form, backup: { ...form.backup, folder: d.value.trim() === '' ? null : d.value } })} />
                    </Field>
                    <Field label={ui.admin.backupHour}>
                      <Select value={String(form.backup.hour)} onChange={(_, d) => setForm({ ...form, backup: { ...form.backup, hour: Number(d.value) } })}>
                        {Array.from({ length: 24 }, (_, h) => <option key={h} value={h}>{ui.admin.backupHourOption(h)}</option>)}
                      </Select>
                    </Field>
                    <Field label={ui.admin.backupKeep}>
                      <div className={s.row}>
                        <Select aria-label={ui.admin.backupKeepDaily} value={String(form.backup.keepDaily)} onChange={(_, d) => setForm({ ...form, backup: { ...form.backup, keepDaily: Number(d.value) } })}>
                          {[3, 7, 14, 30, 60].map((n) => <option key={n} value={n}>{ui.admin.backupDaily(n)}</option>)}
                        </Select>
                        <Select aria-label={ui.admin.backupKeepMonthly} value={String(form.backup.keepMonthly)} onChange={(_, d) => setForm({ ...form, backup: { ...form.backup, keepMonthly: Number(d.value) } })}>
                          {[0, 6, 12, 24, 60, 120].map((n) => <option key={n} value={n}>{ui.admin.backupMonthly(n)}</option>)}
                        </Select>
                      </div>
                    </Field>
                  </>
                )}
              </div>
              <div className={s.row}><Button appearance="primary" onClick={() => void save()}>{ui.admin.save}</Button></div>
            </Card>
          )}
          <TrustedListCard />
          <Card>
            <Title3 block as="h2">{ui.admin.jrwaTitle}</Title3>
            <Text>{ui.admin.jrwaLead}</Text>
            <div className={s.row}>
              <TextFilePicker
                accept=".json,.csv,application/json,text/csv"
                label={ui.admin.jrwaPick}
                onPick={(f) => {
                  setReport(null);
                  if (f) setFile(f);
                }}
              />
              <Button disabled={!file} onClick={() => void runImport(true)}>{ui.admin.jrwaDryRun}</Button>
              <Button appearance="primary" disabled={!file || !report?.dryRun} onClick={() => void runImport(false)}>{ui.admin.jrwaImport}</Button>
            </div>
            {jrwaError && <MessageBar intent="error" layout="multiline"><MessageBarBody>{jrwaError}</MessageBarBody></MessageBar>}
            {report && (
              <>
                <MessageBar intent={report.problems.length ? 'warning' : 'success'} layout="multiline">
                  <MessageBarBody>
                    {report.dryRun ? '' : `${ui.admin.jrwaImported} `}
                    {ui.admin.jrwaReport(report.accepted, report.added, report.updated, report.problems.length)}
                  </MessageBarBody>
                </MessageBar>
                {report.problems.length > 0 && (
                  <table className={s.table} aria-label={ui.admin.jrwaProblems}>
                    <thead><tr><th>{ui.admin.jrwaLine}</th><th>{ui.admin.jrwaSymbol}</th><th>{ui.admin.jrwaReason}</th></tr></thead>
                    <tbody>
                      {report.problems.map((p) => (
                        <tr key={`${p.line}-${p.reason}`}><td>{p.lineLabel}</td><td>{p.symbol ?? '—'}</td><td>{p.reason}</td></tr>
                      ))}
                    </tbody>
                  </table>
                )}
                {report.notices.length > 0 && (
                  <ul aria-label={ui.admin.jrwaNotices}>{report.notices.map((n) => <li key={n}>{n}</li>)}</ul>
                )}
              </>
            )}
            <JrwaClassForm key={jrwaPick?.n ?? 0} picked={jrwaPick?.draft ?? null} />
            <Text>{ui.admin.jrwaCurrent(jrwa.data?.length ?? 0)}</Text>
            <div className={s.tree} tabIndex={0} role="region" aria-label={ui.admin.jrwaTitle}>
              <table className={s.table}>
                <thead><tr><th>{ui.admin.jrwaSymbol}</th><th>{ui.admin.jrwaName}</th><th>{ui.admin.jrwaCategory}</th><th>{ui.admin.jrwaCategoryOther}</th><th>{ui.admin.jrwaActions}</th></tr></thead>
                <tbody>
                  {(jrwa.data ?? []).map((c) => (
                    <tr key={c.symbol}>
                      <td style={{ paddingLeft: 8 + (c.symbol.length - 1) * 14, fontWeight: c.isLeaf ? 400 : 600 }}>{c.symbol}</td>
                      <td>{c.name}</td>
                      <td>{c.categoryOwner ?? ''}</td>
                      <td>{c.categoryOther ?? ''}</td>
                      <td>
                        <Button
                          size="small"
                          aria-label={ui.admin.jrwaChangeLabel(c.symbol)}
                          onClick={() => {
                            setJrwaPick((p) => ({ n: (p?.n ?? 0) + 1, draft: { symbol: c.symbol, name: c.name, categoryOwner: c.categoryOwner ?? '', categoryOther: c.categoryOther ?? '', remarks: c.remarks ?? '' } }));
                          }}
                        >
                          {ui.admin.jrwaChange}
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Card>
        </>
      )}
    </section>
  );
}

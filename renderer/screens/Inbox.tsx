import { useState } from 'react';
import {
  Badge,
  Button,
  Checkbox,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Tab,
  TabList,
  Text,
  Title2,
  tokens,
} from '@fluentui/react-components';
import { Modal } from '../components/Modal';
import type { CaseSummary, DecisionSummary, InboxItem, OpinionAsked, User } from '#core/contract';
import { call } from '../api/client';
import { ui } from '../i18n';
import { messageOf } from '../useAsync';
import { useApi } from '../api/query';
import { CaseView, deadlineColor } from './CaseView';
import { plDate, plDateTime } from '../format';
import { JrwaPicker } from '../components/JrwaPicker';
import { DecisionEditor } from './DecisionEditor';
import { SigningTray } from './SigningTray';
import { AssignPanel, type AssignResults } from '../components/AssignPanel';

type Tray = 'toAssign' | 'mine' | 'toOpine' | 'returned' | 'deadlines' | 'myCases' | 'unit' | 'toApprove' | 'toSign';
type DeadlineKind = keyof typeof ui.caseOpen.kinds;

const useStyles = makeStyles({
  wrap: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'center', padding: tokens.spacingVerticalS, backgroundColor: tokens.colorNeutralBackground1, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  grow: { flexGrow: 1, minWidth: 0 },
  muted: { color: tokens.colorNeutralForeground3 },
  note: { whiteSpace: 'pre-wrap', marginTop: tokens.spacingVerticalXS, paddingLeft: tokens.spacingHorizontalS, borderLeft: `3px solid ${tokens.colorBrandStroke1}` },
  mono: { fontFamily: tokens.fontFamilyMonospace },
  table: { borderCollapse: 'collapse', backgroundColor: tokens.colorNeutralBackground1, '& th, & td': { textAlign: 'left', padding: '6px 12px', borderBottom: `1px solid ${tokens.colorNeutralStroke2}` } },
  jrwaList: { maxHeight: '220px', overflow: 'auto', border: `1px solid ${tokens.colorNeutralStroke2}` },
});

function ItemRow({ item, children, onOpen }: { item: InboxItem; children?: React.ReactNode; onOpen: (id: string) => void }) {
  const s = useStyles();
  return (
    <li className={s.row}>
      {children}
      <div className={s.grow}>
        <Button appearance="transparent" className={s.mono} onClick={() => onOpen(item.id)}>{item.label}</Button> — {item.senderName}
        <br />
        <Text>{item.subject}</Text>
        <br />
        <Text className={s.muted}>
          {plDateTime(item.receivedAt)} · {item.unitSymbol}
          {item.instruction ? ` · ${ui.inbox.instructions[item.instruction]}` : ''}
          {item.deadline ? ` · ${ui.inbox.due(plDate(item.deadline))}` : ''}
          {item.assignedByName ? ` · ${item.assignedByName}` : ''}
          {item.forUserName ? ` · ${ui.inbox.forUser(item.forUserName)}` : ''}
        </Text>
        {item.note && (
          // The head's instruction as written, lines kept: it is what the clerk is asked to do.
          <Text block className={s.note} aria-label={ui.inbox.note}>{item.note}</Text>
        )}
      </div>
    </li>
  );
}

function CaseRow({ c, onOpen }: { c: CaseSummary; onOpen: (id: string) => void }) {
  const s = useStyles();
  return (
    <li className={s.row}>
      <div className={s.grow}>
        <Button appearance="transparent" onClick={() => onOpen(c.id)}>
          <span className={s.mono}>{c.label}</span>
        </Button>{' '}
        <Text>{c.title}</Text>
        <br />
        <Text className={s.muted}>
          {ui.caseView.statuses[c.status]} · {c.ownerName} · {c.dueOn ? ui.inbox.due(plDate(c.dueOn)) : '—'}
          {c.workingDaysLeft !== null ? ` · ${ui.inbox.daysLeft(c.workingDaysLeft)}` : ''}
        </Text>
      </div>
      <Badge color={deadlineColor(c.deadline)}>{ui.inbox.deadlineStates[c.deadline]}</Badge>
    </li>
  );
}

/** An opinion asked of me: the case, the question, who asks and by when; opened to answer. */
function OpinionRow({ o, onOpen }: { o: OpinionAsked; onOpen: (caseId: string) => void }) {
  const s = useStyles();
  return (
    <li className={s.row}>
      <div className={s.grow}>
        <Button appearance="transparent" onClick={() => onOpen(o.caseId)}>
          <span className={s.mono}>{o.caseLabel}</span>
        </Button>{' '}
        <Text>{o.caseTitle}</Text>
        <div className={s.note}>{o.question}</div>
        <Text className={s.muted}>
          {ui.inbox.opinionAsked(o.askedByName, plDateTime(o.askedAt))}
          {o.dueOn ? ` · ${ui.inbox.due(plDate(o.dueOn))}` : ''}
        </Text>
      </div>
    </li>
  );
}

/** The working day of a head or a clerk: items to assign, my items, deadlines, my cases. */
export function Inbox({ user, onOpenLetter }: { user: User; onOpenLetter: (id: string) => void }) {
  const s = useStyles();
  const summary = useApi('inbox.summary', {});
  // Anyone may stand on an approval path (a legal counsel, the secretary), not only heads.
  const toApprove = useApi('decisions.toApprove', {});
  // Drafts a reviewer sent back: the first thing a clerk must see, not an empty "Moje".
  const returned = useApi('decisions.returned', {});
  const [decisionId, setDecisionId] = useState<string | null>(null);
  const perClerk = useApi('cases.overdueByClerk', {}, { enabled: user.role === 'head' });
  // The signing tray's own list (one query, cached): its count belongs on the tab.
  const toSign = useApi('decisions.toSign', {}, { enabled: user.role === 'head' });
  const jrwa = useApi('admin.jrwaList', {});
  const [tray, setTray] = useState<Tray>(user.role === 'head' ? 'toAssign' : 'mine');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [message, setMessage] = useState<{ intent: 'success' | 'error' | 'warning'; text: string } | null>(null);
  const [caseOpen, setCaseOpen] = useState<InboxItem | null>(null);
  const [linking, setLinking] = useState<InboxItem | null>(null);
  const [linkCaseId, setLinkCaseId] = useState('');
  const [caseId, setCaseId] = useState<string | null>(null);
  const [jrwaSymbol, setJrwaSymbol] = useState('');
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<DeadlineKind>('kpa35-standard');

  const data = summary.data;
  const counts: Record<Exclude<Tray, 'unit' | 'toApprove' | 'toSign' | 'returned' | 'toOpine'>, number> = { toAssign: data?.toAssign.length ?? 0, mine: data?.mine.length ?? 0, deadlines: data?.deadlines.length ?? 0, myCases: data?.myCases.length ?? 0 };

  const assigned = (results: AssignResults) => {
    const failed = results.filter((r) => !r.ok);
    setMessage({ intent: failed.length ? 'warning' : 'success', text: results.map((r) => r.message).join(' ') });
    // What did not go stays ticked, to be assigned again once the reason is dealt with.
    setSelected(new Set(failed.map((r) => r.itemId)));
  };
  const linkToCase = async () => {
    if (!linking) return;
    try {
      const c = await call('cases.linkItem', { caseId: linkCaseId, itemId: linking.id });
      setMessage({ intent: 'success', text: ui.inbox.linked(linking.label, c.label) });
      setLinking(null);
    } catch (e) {
      setMessage({ intent: 'error', text: messageOf(e) });
    }
  };
  const openCase = async () => {
    if (!caseOpen) return;
    try {
      const c = await call('cases.open', { itemId: caseOpen.id, jrwaSymbol, title, deadlineKind: kind });
      setCaseOpen(null);
      setCaseId(c.id);
    } catch (e) {
      setMessage({ intent: 'error', text: messageOf(e) });
    }
  };

  return (
    <section className={s.wrap} aria-labelledby="inbox-title">
      <Title2 as="h1" id="inbox-title">{ui.inbox.title}</Title2>
      <TabList selectedValue={tray} onTabSelect={(_, d) => setTray(d.value as Tray)}>
        {(['toAssign', 'mine', 'deadlines', 'myCases'] as const)
          .filter((t) => t !== 'toAssign' || user.role === 'head')
          .map((t) => (
            <Tab key={t} value={t}>
              {ui.inbox[t]} ({counts[t]})
            </Tab>
          ))}
        {(data?.toOpine.length ?? 0) > 0 && <Tab value="toOpine">{ui.inbox.toOpine} ({data?.toOpine.length ?? 0})</Tab>}
        {(returned.data?.length ?? 0) > 0 && (
          <Tab value="returned">
            {ui.decisions.returnedTray} <Badge color="danger" size="small">{returned.data?.length ?? 0}</Badge>
          </Tab>
        )}
        {(user.role === 'head' || (toApprove.data?.length ?? 0) > 0) && <Tab value="toApprove">{ui.decisions.toApprove} ({toApprove.data?.length ?? 0})</Tab>}
        {user.role === 'head' && <Tab value="toSign">{ui.decisions.toSign} ({toSign.data?.length ?? 0})</Tab>}
        {user.role === 'head' && <Tab value="unit">{ui.unitDeadlines.tab}</Tab>}
      </TabList>
      {summary.error && <MessageBar intent="error" layout="multiline"><MessageBarBody>{summary.error}</MessageBarBody></MessageBar>}
      {message && <MessageBar intent={message.intent} layout="multiline"><MessageBarBody>{message.text}</MessageBarBody></MessageBar>}
      {tray === 'toAssign' && (
        <>
          <AssignPanel
            user={user}
            items={(data?.toAssign ?? []).filter((i) => selected.has(i.id)).map((i) => ({ id: i.id, forUserId: i.forUserId }))}
            onAssigned={assigned}
            onFailed={(e) => setMessage({ intent: 'error', text: messageOf(e) })}
          />
          <ul className={s.list} aria-label={ui.inbox.toAssign}>
            {data?.toAssign.length === 0 && <li className={s.muted}>{ui.inbox.empty}</li>}
            {data?.toAssign.map((i) => (
              <ItemRow key={i.id} item={i} onOpen={onOpenLetter}>
                <Checkbox
                  aria-label={ui.inbox.select(i.label)}
                  checked={selected.has(i.id)}
                  onChange={(_, d) => setSelected((cur) => { const n = new Set(cur); if (d.checked) n.add(i.id); else n.delete(i.id); return n; })}
                />
              </ItemRow>
            ))}
          </ul>
        </>
      )}
      {tray === 'mine' && (
        <ul className={s.list} aria-label={ui.inbox.mine}>
          {data?.mine.length === 0 && <li className={s.muted}>{ui.inbox.empty}</li>}
          {data?.mine.map((i) => (
            <ItemRow key={i.id} item={i} onOpen={onOpenLetter}>
              <Button onClick={() => { setCaseOpen(i); setTitle(i.subject.slice(0, 200)); }}>{ui.inbox.openCase}</Button>
              <Button disabled={data.myCases.length === 0} onClick={() => { setLinking(i); setLinkCaseId(data.myCases[0]?.id ?? ''); }}>{ui.inbox.linkToCase}</Button>
            </ItemRow>
          ))}
        </ul>
      )}
      {tray === 'toOpine' && (
        <ul className={s.list} aria-label={ui.inbox.toOpine}>
          {data?.toOpine.length === 0 && <li className={s.muted}>{ui.inbox.empty}</li>}
          {data?.toOpine.map((o) => <OpinionRow key={o.id} o={o} onOpen={setCaseId} />)}
        </ul>
      )}
      {(tray === 'deadlines' || tray === 'myCases') && (
        <ul className={s.list} aria-label={ui.inbox[tray]}>
          {data?.[tray].length === 0 && <li className={s.muted}>{ui.inbox.empty}</li>}
          {data?.[tray].map((c) => <CaseRow key={c.id} c={c} onOpen={setCaseId} />)}
        </ul>
      )}
      {tray === 'returned' && <DecisionTray label={ui.decisions.returnedTray} items={returned.data} detail={(x) => `${ui.decisions.statuses.returned} · ${ui.decisions.version(x.currentVersion)}`} primary onOpen={setDecisionId} />}
      {tray === 'toApprove' && <DecisionTray label={ui.decisions.toApprove} items={toApprove.data} detail={(x) => `${x.authorName} · ${ui.decisions.version(x.currentVersion)}`} onOpen={setDecisionId} />}
      <DecisionEditor id={decisionId} user={user} onClose={() => setDecisionId(null)} />
      {tray === 'toSign' && <SigningTray />}
      {tray === 'unit' && (
        <table className={s.table} aria-label={ui.unitDeadlines.tab}>
          <thead>
            <tr>
              <th>{ui.unitDeadlines.clerk}</th>
              <th>{ui.unitDeadlines.open}</th>
              <th>{ui.unitDeadlines.dueSoon}</th>
              <th>{ui.unitDeadlines.overdue}</th>
            </tr>
          </thead>
          <tbody>
            {perClerk.data?.length === 0 && (
              <tr><td colSpan={4}>{ui.unitDeadlines.none}</td></tr>
            )}
            {perClerk.data?.map((r) => (
              <tr key={r.ownerId}>
                <td>{r.ownerName}</td>
                <td>{r.open}</td>
                <td>{r.dueSoon}</td>
                <td>{r.overdue > 0 ? <Badge color="danger">{r.overdue}</Badge> : 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Modal open={caseOpen !== null} onOpenChange={(_, d) => !d.open && setCaseOpen(null)}>
        <DialogSurface>
          <form onSubmit={(e) => { e.preventDefault(); void openCase(); }}>
            <DialogBody>
              <DialogTitle>{ui.caseOpen.title}</DialogTitle>
              <DialogContent>
                <Text block>{caseOpen ? ui.caseOpen.fromItem(caseOpen.label) : ''}</Text>
                <JrwaPicker classes={jrwa.data ?? []} value={jrwaSymbol} onChange={setJrwaSymbol} />
                <Field label={ui.caseOpen.caseTitle} required>
                  <Input value={title} onChange={(_, d) => setTitle(d.value)} />
                </Field>
                <Field label={ui.caseOpen.deadlineKind}>
                  <Select value={kind} onChange={(_, d) => setKind(d.value as DeadlineKind)}>
                    {(Object.keys(ui.caseOpen.kinds) as DeadlineKind[]).map((k) => <option key={k} value={k}>{ui.caseOpen.kinds[k]}</option>)}
                  </Select>
                </Field>
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" type="submit" disabled={!jrwaSymbol || title.trim().length < 3}>{ui.caseOpen.open}</Button>
                <Button onClick={() => setCaseOpen(null)}>{ui.party.cancel}</Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Modal>
      <Modal open={linking !== null} onOpenChange={(_, d) => !d.open && setLinking(null)}>
        <DialogSurface>
          <form onSubmit={(e) => { e.preventDefault(); void linkToCase(); }}>
            <DialogBody>
              <DialogTitle>{linking ? ui.inbox.linkTitle(linking.label) : ''}</DialogTitle>
              <DialogContent>
                <Field label={ui.inbox.linkCase} required>
                  <Select value={linkCaseId} onChange={(_, d) => setLinkCaseId(d.value)}>
                    {(data?.myCases ?? []).map((c) => <option key={c.id} value={c.id}>{c.label} — {c.title}</option>)}
                  </Select>
                </Field>
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" type="submit" disabled={!linkCaseId}>{ui.inbox.link}</Button>
                <Button onClick={() => setLinking(null)}>{ui.party.cancel}</Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Modal>
      <CaseView id={caseId} user={user} onClose={() => setCaseId(null)} />
    </section>
  );
}

/** A tray of decision drafts (to approve, returned for correction): what, in which case, open it. */
function DecisionTray({ label, items, detail, primary = false, onOpen }: { label: string; items: DecisionSummary[] | null; detail: (x: DecisionSummary) => string; primary?: boolean; onOpen: (id: string) => void }) {
  const s = useStyles();
  return (
    <ul className={s.list} aria-label={label}>
      {items?.length === 0 && <li className={s.muted}>{ui.inbox.empty}</li>}
      {items?.map((x) => (
        <li key={x.id} className={s.row}>
          <div className={s.grow}>
            <Text weight="semibold">{x.typeName}</Text> — <span className={s.mono}>{x.caseSign}</span>
            <br />
            <Text className={s.muted}>{detail(x)}</Text>
          </div>
          <Button appearance={primary ? 'primary' : 'secondary'} onClick={() => onOpen(x.id)}>{ui.decisions.open}</Button>
        </li>
      ))}
    </ul>
  );
}

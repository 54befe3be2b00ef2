import { useEffect, useRef } from 'react';
import { Toast, ToastBody, ToastTitle, Toaster, useId, useToastController } from '@fluentui/react-components';
import type { User } from '#core/contract';
import { useApi } from '../api/query';
import { ui } from '../i18n';
import { officeToday } from '../format';

type Note = { key: string; title: string; body: string };

const MAX_AT_ONCE = 3;

/** The ids in `now` not in `seen`; the first answer only sets what has been seen. */
function fresh<T extends { id: string }>(now: readonly T[] | undefined, seen: { current: Set<string> | null }): T[] {
  if (!now) return [];
  const before = seen.current;
  seen.current = new Set(now.map((x) => x.id));
  return before === null ? [] : now.filter((x) => !before.has(x.id));
}

/** In the desktop shell, while the person is at another program, the system says it too. */
function onDesktop(title: string, body: string) {
  if (window.kancelaria && !document.hasFocus()) void window.kancelaria.notify(title, body);
}

/**
 * Says at once what just arrived for this person, whatever screen is open: a new letter in
 * their tray (or to assign, for a head), a draft returned to them, a case due tomorrow. It
 * reads the same queries the inbox shows, so it learns of them when the screens refresh (a
 * command here, a pull in server mode), and it says nothing about what was there at sign-in.
 */
export function Notifier({ user }: { user: User }) {
  const toasterId = useId('powiadomienia');
  const { dispatchToast } = useToastController(toasterId);
  const works = user.role !== 'registry';
  const summary = useApi('inbox.summary', {}, { enabled: works });
  const returned = useApi('decisions.returned', {}, { enabled: works });
  const seenMine = useRef<Set<string> | null>(null);
  const seenToAssign = useRef<Set<string> | null>(null);
  const seenReturned = useRef<Set<string> | null>(null);
  const seenDue = useRef<Set<string> | null>(null);
  const seenOpine = useRef<Set<string> | null>(null);

  useEffect(() => {
    const notes: Note[] = [];
    for (const x of fresh(summary.data?.mine, seenMine)) notes.push({ key: `m${x.id}`, title: ui.notify.mine, body: `${x.label} — ${x.subject}` });
    for (const x of fresh(summary.data?.toAssign, seenToAssign)) notes.push({ key: `a${x.id}`, title: ui.notify.toAssign, body: `${x.label} — ${x.subject}` });
    for (const x of fresh(summary.data?.toOpine, seenOpine)) notes.push({ key: `o${x.id}`, title: ui.notify.toOpine, body: `${x.caseLabel} — ${x.question}` });
    // A case due tomorrow, said once a session (the deadline tray has it for the rest of the day).
    const tomorrow = officeToday(new Date(Date.now() + 86_400_000));
    const dueTomorrow = (summary.data?.deadlines ?? []).filter((c) => c.dueOn === tomorrow);
    // Unlike the trays, this one is said at sign-in too: it is a reminder, not news.
    const said = (seenDue.current ??= new Set());
    for (const c of dueTomorrow) {
      if (said.has(c.id)) continue;
      said.add(c.id);
      notes.push({ key: `d${c.id}`, title: ui.notify.dueTomorrow, body: `${c.label} — ${c.title}` });
    }
    // After a long time offline a pull may bring dozens: one line says so instead of a stack.
    const shown = notes.length > MAX_AT_ONCE ? [{ key: `many${String(Date.now())}`, title: ui.notify.many(notes.length), body: notes.map((n) => n.body.split(' — ')[0]).join(', ') }] : notes;
    for (const n of shown) {
      onDesktop(n.title, n.body);
      dispatchToast(
        <Toast>
          <ToastTitle>{n.title}</ToastTitle>
          <ToastBody>{n.body}</ToastBody>
        </Toast>,
        { toastId: n.key, intent: 'info', timeout: 8_000 },
      );
    }
  }, [summary.data, dispatchToast]);

  useEffect(() => {
    for (const d of fresh(returned.data ?? undefined, seenReturned)) {
      onDesktop(ui.notify.returned, `${d.typeName} — ${d.caseSign}`);
      dispatchToast(
        <Toast>
          <ToastTitle>{ui.notify.returned}</ToastTitle>
          <ToastBody>{`${d.typeName} — ${d.caseSign}`}</ToastBody>
        </Toast>,
        { toastId: `r${d.id}-${String(d.currentVersion)}`, intent: 'warning', timeout: 8_000 },
      );
    }
  }, [returned.data, dispatchToast]);

  return <Toaster toasterId={toasterId} position="bottom-end" />;
}

/**
 * A workstation in a test: registers letters into a shared profile, started by
 * concurrentNumbering.test.ts as a separate OS process (child_process.fork, run by tsx).
 *
 * argv: profileDir workerIndex count senderId unitId [kind]. `kind` is `letters` (the default:
 * a registry clerk registers letters) or `cases` (a clerk of GK opens cases of class 6730, whose
 * signs come from the same kind of counter). Signals `ready` once the profile is open
 * and waits for `go`, so that all workers start registering at the same moment; then reports
 * the numbers it was given, in the order it was given them.
 */
import { openBackend } from '#backend/context';
import { dispatch } from '#core/services/dispatch';

type Given = { seq: number; label: string; subject: string };

const [profileDir, workerArg, countArg, senderId, unitId, kind = 'letters'] = process.argv.slice(2);
const send = (message: unknown) => process.send?.(message);
/** The last message: the IPC channel is closed once it is flushed, so the process can end. */
const sendLast = (message: unknown) => process.send?.(message, () => process.disconnect());

async function main() {
  if (!profileDir || !workerArg || !countArg || !senderId || !unitId) throw new Error('usage: registerLetters DIR WORKER COUNT SENDER UNIT');
  const worker = Number(workerArg);
  const count = Number(countArg);
  const ctx = openBackend({ profileDir, mode: 'browser', demo: true, quiet: true });
  const users = await dispatch(ctx, 'session.demoUsers', {});
  const login = kind === 'cases' ? 'tlukasik' : 'akowalska';
  const registry = users.ok ? (users.value as { id: string; login: string }[]).find((u) => u.login === login) : undefined;
  if (!registry) throw new Error('no registry user');
  const signed = await dispatch(ctx, 'session.signIn', { userId: registry.id });
  if (!signed.ok) throw new Error(signed.error.message);

  await new Promise<void>((resolve) => {
    process.once('message', () => resolve());
    send({ type: 'ready', worker });
  });

  const given: Given[] = [];
  const errors: string[] = [];
  for (let j = 1; j <= count; j++) {
    const subject = `Stanowisko ${worker}, pismo ${j}`;
    if (kind === 'cases') {
      const c = await dispatch(ctx, 'cases.open', { jrwaSymbol: '6730', title: subject, deadlineKind: 'kpa35-standard' });
      if (c.ok) {
        const label = (c.value as { label: string }).label;
        given.push({ seq: Number(label.split('.')[2]), label, subject });
      } else {
        errors.push(`${c.error.code}: ${c.error.message}`);
      }
      continue;
    }
    const r = await dispatch(ctx, 'intake.register', {
      channel: 'paper',
      receivedAt: new Date(Date.now() - 1000).toISOString(),
      senderId,
      senderReference: `W${worker}/${j}`,
      letterDate: null,
      subject,
      attachmentsCount: 0,
      trackingNumber: null,
      remarks: null,
      unitId,
      scans: [],
    });
    if (r.ok) {
      const v = r.value as { seq: number | null; label: string };
      given.push({ seq: v.seq ?? -1, label: v.label, subject });
    } else {
      errors.push(`${r.error.code}: ${r.error.message}`);
    }
  }
  ctx.store.close();
  sendLast({ type: 'done', worker, given, errors });
}

main().catch((e: unknown) => {
  sendLast({ type: 'failed', error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  process.exitCode = 1;
});

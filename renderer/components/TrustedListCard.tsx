import { useState } from 'react';
import { Button, Card, makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Text, Title3, tokens } from '@fluentui/react-components';
import type { MethodOutput } from '#core/contract';
import { call } from '../api/client';
import { messageOf } from '../useAsync';
import { useApi } from '../api/query';
import { plDateTime } from '../format';
import { ui } from '../i18n';
import { TextFilePicker } from './TextFilePicker';

const useStyles = makeStyles({
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  fingerprint: { fontFamily: tokens.fontFamilyMonospace, wordBreak: 'break-all' },
});

type Preview = MethodOutput<'admin.trustedListImport'>;

/**
 * The office's trusted list (ETSI TS 119 612): what is imported now, and a new one checked
 * first — its signature verified and its signer shown, for the administrator to compare with
 * the official publication — before it replaces the old one.
 */
export function TrustedListCard() {
  const s = useStyles();
  const current = useApi('admin.settings', {}).data?.trustedList ?? null;
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const run = async (picked: { name: string; text: string }, dryRun: boolean) => {
    setError(null);
    try {
      const result = await call('admin.trustedListImport', { fileName: picked.name, text: picked.text, dryRun });
      setPreview(result);
      setDone(!dryRun);
    } catch (e) {
      setPreview(null);
      setError(messageOf(e));
    }
  };

  return (
    <Card>
      <Title3 block as="h2">{ui.trustedList.title}</Title3>
      <Text>{ui.trustedList.lead}</Text>
      <Text>
        {current === null
          ? ui.trustedList.none
          : ui.trustedList.current(current.territory, current.sequenceNumber, plDateTime(current.issuedAt), current.nextUpdate === null ? '—' : plDateTime(current.nextUpdate), current.services.length)}
      </Text>
      <div className={s.row}>
        <TextFilePicker
          accept=".xml,application/xml,text/xml"
          label={ui.trustedList.pick}
          onPick={(picked) => {
            setPreview(null);
            setDone(false);
            if (picked) {
              setFile(picked);
              void run(picked, true);
            }
          }}
        />
        <Button appearance="primary" disabled={!file || !preview || done} onClick={() => file && void run(file, false)}>
          {ui.trustedList.import}
        </Button>
      </div>
      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
      {preview && (
        <MessageBar intent={done ? 'success' : 'info'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{done ? ui.trustedList.imported : ui.trustedList.verified}</MessageBarTitle>
            {ui.trustedList.summary(preview.territory, preview.sequenceNumber, plDateTime(preview.issuedAt), preview.services, preview.qualifiedCas, preview.qualifiedTsas)}{' '}
            {ui.trustedList.signer(preview.signer.name)} <span className={s.fingerprint}>{preview.signer.sha256}</span>
            {!done && ` ${ui.trustedList.compare}`}
          </MessageBarBody>
        </MessageBar>
      )}
    </Card>
  );
}

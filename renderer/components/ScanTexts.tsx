import { useState } from 'react';
import { Button, makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import type { ScanTextState } from '#core/contract';
import { useApi } from '../api/query';
import { openDocument } from '../api/client';
import { messageOf } from '../useAsync';
import { ui } from '../i18n';

const useStyles = makeStyles({
  list: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, margin: `${tokens.spacingVerticalS} 0` },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS },
  file: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
  progress: { width: '12rem' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

const busy = (states: ScanTextState[]) => states.some((x) => x.state === 'waiting' || x.state === 'working');

/**
 * What text recognition made of each of the letter's scans: waiting, the page being read with
 * a progress bar, or read — with the new file carrying the text layer to open.
 */
export function ScanTexts({ scans }: { scans: { sha256: string; fileName: string }[] }) {
  const s = useStyles();
  const [problem, setProblem] = useState<string | null>(null);
  const states = useApi('scans.texts', { sha256s: scans.map((x) => x.sha256) }, { enabled: scans.length > 0, pollWhile: busy });
  if (scans.length === 0 || !states.data) return null;
  const t = ui.letter.scanText;
  return (
    <div className={s.list} aria-live="polite" data-scan-texts>
      {states.data.map((x) => {
        const name = scans.find((y) => y.sha256 === x.sha256)?.fileName ?? '';
        const percent = Math.round((x.fraction ?? 0) * 100);
        return (
          <div key={x.sha256} className={s.row} data-scan-text={x.state}>
            <Text className={s.file}>{name}:</Text>
            {x.state === 'off' && <Text className={s.muted}>{t.off}</Text>}
            {x.state === 'waiting' && <Text className={s.muted}>{t.waiting}</Text>}
            {x.state === 'working' && (
              <>
                <Text>{t.working(x.page ?? 1, x.pages ?? 1, percent)}</Text>
                <ProgressBar className={s.progress} value={x.fraction ?? 0} aria-label={t.working(x.page ?? 1, x.pages ?? 1, percent)} />
              </>
            )}
            {x.state === 'done' && (
              <>
                <Text>{t.done(x.pagesRead ?? 0, x.pages ?? 0)}</Text>
                {x.layerSha256 && (
                  <Button size="small" title={t.layerHint} onClick={() => void openDocument('scans.textLayer', { sha256: x.sha256 }).catch((e: unknown) => setProblem(messageOf(e)))}>
                    {t.layer}
                  </Button>
                )}
              </>
            )}
            {(x.state === 'skipped' || x.state === 'failed') && <Text className={s.muted}>{x.state === 'skipped' ? t.skipped : t.failed}</Text>}
            {x.reason && <Text className={s.muted}>({x.reason})</Text>}
          </div>
        );
      })}
      {problem && <Text role="alert" className={s.error}>{problem}</Text>}
    </div>
  );
}

import { Badge, makeStyles, Text, tokens } from '@fluentui/react-components';
import { plDateTime } from '../format';
import type { EventEntry } from '#core/contract';
import { ui } from '../i18n';

/** Layout shared by the letter and case windows: two columns, a definition list of fields. */
export const useDetailStyles = makeStyles({
  cols: { display: 'grid', gridTemplateColumns: '1fr 1fr', gap: tokens.spacingHorizontalXL },
  dl: { display: 'grid', gridTemplateColumns: '170px 1fr', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`, margin: 0 },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0 },
  list: { listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap', marginBlock: tokens.spacingVerticalM, alignItems: 'end' },
  scroll: { maxHeight: '70vh', overflow: 'auto' },
});

const useStyles = makeStyles({
  event: { borderLeft: `3px solid ${tokens.colorBrandStroke1}`, paddingLeft: tokens.spacingHorizontalS },
});

/** Field names and values as a definition list. */
export function FieldList({ fields }: { fields: readonly (readonly [string, string])[] }) {
  const d = useDetailStyles();
  return (
    <dl className={d.dl}>
      {fields.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt className={d.dt}>{k}</dt>
          <dd className={d.dd}>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The history of a letter or the metryka of a case: when, who (and for whom), what. */
export function EventTimeline({ events }: { events: readonly EventEntry[] }) {
  const d = useDetailStyles();
  const s = useStyles();
  return (
    <ol className={d.list}>
      {events.map((e) => (
        <li key={e.id} className={s.event} data-pending={e.pending || undefined}>
          <Text className={d.muted}>
            {plDateTime(e.at)} · {e.actorName}, {e.actorPosition}
            {e.onBehalfOfName ? ` (${ui.letter.onBehalfOf(e.onBehalfOfName)})` : ''}
          </Text>
          <br />
          <Text>{e.summary}</Text>
          {e.pending && (
            <>
              {' '}
              <Badge appearance="tint" color="informative" size="small">{ui.letter.eventPending}</Badge>
            </>
          )}
        </li>
      ))}
    </ol>
  );
}

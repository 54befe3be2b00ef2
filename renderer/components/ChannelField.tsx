import { Field, Select } from '@fluentui/react-components';
import type { OutgoingChannel } from '#core/contract';
import { ui, outgoingChannelLabels } from '../i18n';

/** "Sposób wysyłki": the channels a letter leaves by, in the register's words. */
export function ChannelField({ value, onChange }: { value: OutgoingChannel; onChange: (channel: OutgoingChannel) => void }) {
  return (
    <Field label={ui.dispatch.channel}>
      <Select value={value} onChange={(_, d) => onChange(d.value as OutgoingChannel)}>
        {(Object.keys(outgoingChannelLabels) as OutgoingChannel[]).map((c) => <option key={c} value={c}>{outgoingChannelLabels[c]}</option>)}
      </Select>
    </Field>
  );
}

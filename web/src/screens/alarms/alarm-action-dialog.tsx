import { useState } from 'react';

import type { Disposition } from '../../api/types';
import { Dialog } from '../../components/dialog';
import { label, useT, type MessageKey } from '../../i18n/i18n';

export type AlarmVerb = 'acknowledge' | 'dispatch' | 'close' | 'note';

const DISPOSITIONS: readonly Disposition[] = ['real', 'false', 'test', 'technical'];

const TITLES: Record<AlarmVerb, MessageKey> = {
  acknowledge: 'alarms.dialog.acknowledge',
  dispatch: 'alarms.dialog.dispatch',
  close: 'alarms.dialog.close',
  note: 'alarms.dialog.note',
};

const CONFIRMS: Record<AlarmVerb, MessageKey> = {
  acknowledge: 'alarms.action.acknowledge',
  dispatch: 'alarms.action.dispatch',
  close: 'alarms.action.close',
  note: 'alarms.action.note',
};

export interface AlarmActionInput {
  note: string;
  disposition?: Disposition;
}

interface AlarmActionDialogProps {
  verb: AlarmVerb;
  busy: boolean;
  onConfirm: (input: AlarmActionInput) => void;
  onCancel: () => void;
}

/** The note (and for closing, the disposition) an operator gives with an action. */
export function AlarmActionDialog({ verb, busy, onConfirm, onCancel }: AlarmActionDialogProps) {
  const t = useT();
  const [note, setNote] = useState('');
  const [disposition, setDisposition] = useState<Disposition | ''>('');
  const needsNote = verb === 'note';
  const ready = (verb !== 'close' || disposition !== '') && (!needsNote || note.trim() !== '');

  const confirm = () =>
    onConfirm({ note: note.trim(), disposition: disposition === '' ? undefined : disposition });

  return (
    <Dialog
      title={t(TITLES[verb])}
      confirmLabel={t(CONFIRMS[verb])}
      onConfirm={confirm}
      onCancel={onCancel}
      busy={busy}
      canConfirm={ready}
    >
      {verb === 'close' && (
        <label>
          {t('alarms.dialog.disposition')}
          <select
            data-testid="alarm-disposition"
            value={disposition}
            required
            onChange={(event) => setDisposition(event.target.value as Disposition)}
          >
            <option value="">{t('alarms.dialog.chooseDisposition')}</option>
            {DISPOSITIONS.map((value) => (
              <option key={value} value={value}>
                {label(t, 'disposition', value)}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {needsNote ? t('alarms.dialog.noteRequired') : t('alarms.dialog.noteOptional')}
        <textarea
          data-testid="alarm-note-input"
          value={note}
          maxLength={2000}
          onChange={(event) => setNote(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && ready && !busy)
              confirm();
          }}
        />
      </label>
    </Dialog>
  );
}

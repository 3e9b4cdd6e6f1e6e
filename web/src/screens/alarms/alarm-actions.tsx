import { useState } from 'react';

import { api, ApiError } from '../../api/http-client';
import type { Alarm } from '../../api/types';
import { ErrorNotice } from '../../components/error-notice';
import { useT, type Translate } from '../../i18n/i18n';
import { applyAlarm } from '../../live/alarm-store';
import { useCan, useMe } from '../../session/session-store';
import { AlarmActionDialog, type AlarmActionInput, type AlarmVerb } from './alarm-action-dialog';
import { heldByMe } from './alarm-labels';

interface AlarmActionsProps {
  alarm: Alarm;
  /** Loads the detail again after an action, for its history. */
  onDone: () => void;
}

/** Take / Release, Acknowledge, Dispatch, Close and Add note, each only where it applies. */
export function AlarmActions({ alarm, onDone }: AlarmActionsProps) {
  const t = useT();
  const me = useMe();
  const [dialog, setDialog] = useState<AlarmVerb>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const mine = heldByMe(alarm, me.user);
  const closed = alarm.state === 'closed';
  // A supervisor (alarms:override) may take an alarm over from the operator who holds it.
  const canTakeOver = useCan('alarms:override') && !!alarm.takenBy && !mine && !closed;

  // The server validates every action's body as a JSON object, even for take and release.
  const run = async (verb: string, body: object = {}) => {
    setBusy(true);
    setError(undefined);
    try {
      const answer = await api<unknown>(`/alarms/${alarm.id}/${verb}`, { method: 'POST', body });
      const updated = alarmIn(answer);
      if (updated) applyAlarm(updated);
      setDialog(undefined);
    } catch (cause) {
      setError(cause);
    } finally {
      setBusy(false);
      onDone();
    }
  };

  const confirm = (input: AlarmActionInput) => {
    if (!dialog) return;

    const note = input.note || undefined;
    if (dialog === 'close') void run('close', { disposition: input.disposition, note });
    else void run(dialog, dialog === 'note' ? { note: input.note } : { note });
  };

  return (
    <div className="alarm-actions">
      <div className="buttons">
        <button
          type="button"
          data-testid="alarm-take"
          disabled={busy || closed || mine}
          onClick={() => void run('take')}
        >
          {t('alarms.action.take')}
        </button>
        {canTakeOver && (
          <button
            type="button"
            data-testid="alarm-take-over"
            disabled={busy}
            onClick={() => void run('take', { force: true })}
          >
            {t('alarms.action.takeOver')}
          </button>
        )}
        {mine && (
          <button
            type="button"
            data-testid="alarm-release"
            disabled={busy || closed}
            onClick={() => void run('release')}
          >
            {t('alarms.action.release')}
          </button>
        )}
        <button
          type="button"
          className="primary"
          data-testid="alarm-acknowledge"
          disabled={busy || alarm.state !== 'new'}
          onClick={() => setDialog('acknowledge')}
        >
          {t('alarms.action.acknowledge')}
        </button>
        <button
          type="button"
          data-testid="alarm-dispatch"
          disabled={busy || alarm.state !== 'acknowledged'}
          onClick={() => setDialog('dispatch')}
        >
          {t('alarms.action.dispatch')}
        </button>
        <button
          type="button"
          data-testid="alarm-close"
          disabled={busy || (alarm.state !== 'acknowledged' && alarm.state !== 'dispatched')}
          onClick={() => setDialog('close')}
        >
          {t('alarms.action.close')}
        </button>
        <button
          type="button"
          data-testid="alarm-note"
          disabled={busy}
          onClick={() => setDialog('note')}
        >
          {t('alarms.action.note')}
        </button>
      </div>
      {error !== undefined && <ActionError error={error} alarm={alarm} t={t} />}
      {dialog && (
        <AlarmActionDialog
          verb={dialog}
          busy={busy}
          onConfirm={confirm}
          onCancel={() => setDialog(undefined)}
        />
      )}
    </div>
  );
}

/** The alarm in an action's answer, whether the server sends it bare or as `{ alarm }`. */
function alarmIn(answer: unknown): Alarm | undefined {
  const candidate = (answer as { alarm?: unknown })?.alarm ?? answer;
  const alarm = candidate as Partial<Alarm> | null;
  return alarm && typeof alarm.id === 'number' && typeof alarm.state === 'string'
    ? (alarm as Alarm)
    : undefined;
}

/** Conflicts in the operator's words; anything else through the common notice. */
function ActionError({ error, alarm, t }: { error: unknown; alarm: Alarm; t: Translate }) {
  if (error instanceof ApiError && error.code === 'ALARM_TAKEN') {
    const details = error.details as { takenBy?: string; takenByName?: string } | undefined;
    const holder = details?.takenByName || details?.takenBy || alarm.takenByName || alarm.takenBy;
    return (
      <p className="notice error" role="alert" data-testid="alarm-action-error">
        {holder ? t('alarms.error.takenBy', { holder }) : t('alarms.error.taken')}
      </p>
    );
  }
  if (error instanceof ApiError && error.code === 'INVALID_TRANSITION') {
    return (
      <p className="notice error" role="alert" data-testid="alarm-action-error">
        {t('alarms.error.transition')}
      </p>
    );
  }
  return (
    <div data-testid="alarm-action-error">
      <ErrorNotice error={error} />
    </div>
  );
}

import type { Alarm, User } from '../../api/types';
import { label, type Translate } from '../../i18n/i18n';

/** The unit's name, or the account number when the panel's account is not in the registry. */
export function unitText(alarm: Alarm, t: Translate): string {
  if (alarm.unknownAccount) return t('alarms.unknownAccount', { account: alarm.account });

  return alarm.unitName || t('alarms.accountOnly', { account: alarm.account });
}

/** Category in the user's language; the server's description and the code follow it. */
export function categoryText(alarm: Pick<Alarm, 'category'>, t: Translate): string {
  return label(t, 'alarmCategory', alarm.category);
}

/** Whether the signed-in user is the one holding the alarm. */
export function heldByMe(alarm: Alarm, user: User): boolean {
  return alarm.takenBy !== null && (alarm.takenBy === user.id || alarm.takenBy === user.username);
}

/** Who holds the alarm, "you" for the signed-in user, empty when nobody does. */
export function holderText(alarm: Alarm, user: User, t: Translate): string {
  if (!alarm.takenBy) return '';

  if (heldByMe(alarm, user)) return t('alarms.heldByYou');
  return alarm.takenByName || alarm.takenBy;
}

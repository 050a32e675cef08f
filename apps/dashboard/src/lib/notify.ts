// Browser notifications for critical alerts, only for a user who opted in (the toggle asks the
// browser's permission; the choice is remembered in localStorage — a preference, not a secret).
// The notification's text is plain text by the Notification API: no markup is interpreted.
import type { AlertRow } from './stream/rows';

const OPT_IN_KEY = 'tickstock_notify_critical';

export function notificationsSupported(): boolean {
  return typeof window !== 'undefined' && 'Notification' in window;
}

export function notificationsEnabled(): boolean {
  return notificationsSupported() && Notification.permission === 'granted' && localStorage.getItem(OPT_IN_KEY) === '1';
}

/** Asks the browser once; true when notifications are on afterwards. */
export async function enableNotifications(): Promise<boolean> {
  if (!notificationsSupported()) return false;
  const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
  if (permission !== 'granted') return false;
  localStorage.setItem(OPT_IN_KEY, '1');
  return true;
}

export function disableNotifications(): void {
  if (typeof localStorage !== 'undefined') localStorage.removeItem(OPT_IN_KEY);
}

export function notifyCritical(alert: AlertRow): void {
  if (!notificationsEnabled()) return;
  // `tag` makes a repeated alert (same id after a replay) replace its notification, not stack.
  new Notification(`Critical: ${alert.type}`, { body: alert.message ?? alert.severity, tag: alert.id });
}

import { Notification } from 'electron';
import type { ReplyNotice } from '../services/desktop/reply-notifier';

/**
 * "Reply ready" as a system notification; clicking it runs `onClick` (the main window opens on
 * that conversation). Returns whether one was shown: some Linux sessions run no notification server.
 */
export function showReplyNotification(notice: ReplyNotice & { title: string }, onClick: () => void): boolean {
  if (!Notification.isSupported()) return false;
  const notification = new Notification({
    title: notice.title,
    body: notice.excerpt || 'The reply is ready.',
    silent: false,
  });
  notification.on('click', onClick);
  notification.show();
  return true;
}

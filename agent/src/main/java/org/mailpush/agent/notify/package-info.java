/**
 * Desktop notifications of new mail and hints (SPEC X6 for their withdrawal): through {@code
 * notify-send}, whose printed id lets the agent close the notification over D-Bus ({@code
 * org.freedesktop.Notifications.CloseNotification}) when the mail is read elsewhere; or a log line
 * where there is no desktop.
 */
package org.mailpush.agent.notify;

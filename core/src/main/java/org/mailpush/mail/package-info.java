/** Mail as the router sees it: a summary of sender, subject, size and content features. */
package org.mailpush.mail;

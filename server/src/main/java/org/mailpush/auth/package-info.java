/**
 * Authentication of users: password hashing with PBKDF2 (RFC 8018), login throttling that slows
 * guessing without locking the user out, and the login check itself.
 */
package org.mailpush.auth;

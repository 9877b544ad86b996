/** Users: the people who own terminals and receive mail. */
package org.mailpush.user;

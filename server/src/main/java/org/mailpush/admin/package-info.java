/** Administration of users and upstream accounts, shared by the HTTP admin API and the command line. */
package org.mailpush.admin;

/** The {@code mailpush} command line (picocli): one class per subcommand. */
package org.mailpush.cli;

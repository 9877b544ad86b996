/**
 * The {@code ./mailpush bench} command line: one subcommand per benchmark, each printing its figures
 * and, with {@code --write}, recording them in docs/benchmarks.md and docs/benchmarks.json.
 */
package org.mailpush.bench;

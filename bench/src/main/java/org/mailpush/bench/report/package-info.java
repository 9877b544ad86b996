/**
 * What a benchmark run produced — tables of figures, the targets they are held against, the machine
 * and the date — and how it is shown: a text table on stdout, and {@code docs/benchmarks.json} with
 * the generated section of {@code docs/benchmarks.md}.
 */
package org.mailpush.bench.report;

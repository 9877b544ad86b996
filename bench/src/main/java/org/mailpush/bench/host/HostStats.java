package org.mailpush.bench.host;

/**
 * The server process's resources at one moment.
 *
 * @param heapBytes     heap in use right after a full collection: the live data
 * @param rssBytes      resident memory (VmRSS)
 * @param cpuNanos      CPU time the process has used since it started, read before the collection
 * @param threads       live Java threads
 * @param openFiles     open file descriptors (sockets included)
 * @param maxOpenFiles  the process's limit of open file descriptors
 */
public record HostStats(long heapBytes, long rssBytes, long cpuNanos, int threads, long openFiles, long maxOpenFiles) {

    /** Reads the line {@code STATS heap=… rss=… cpu=… threads=… files=… maxFiles=…}. */
    static HostStats parse(String line) {
        var values = HostProcess.fields(line);
        return new HostStats(Long.parseLong(values.get("heap")), Long.parseLong(values.get("rss")), Long.parseLong(values.get("cpu")),
                Integer.parseInt(values.get("threads")), Long.parseLong(values.get("files")), Long.parseLong(values.get("maxFiles")));
    }

    String line() {
        return "STATS heap=%d rss=%d cpu=%d threads=%d files=%d maxFiles=%d"
                .formatted(heapBytes, rssBytes, cpuNanos, threads, openFiles, maxOpenFiles);
    }
}

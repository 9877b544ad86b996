package org.mailpush.ingest.mime;

/** Receives decoded bytes, one at a time, then the end of them. */
interface ByteSink {

    /** @param b a byte, 0 to 255 */
    void write(int b);

    void end();
}

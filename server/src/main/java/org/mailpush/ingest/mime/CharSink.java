package org.mailpush.ingest.mime;

/** Receives decoded text, one UTF-16 char at a time, then the end of it. */
interface CharSink {

    void write(char c);

    void end();
}

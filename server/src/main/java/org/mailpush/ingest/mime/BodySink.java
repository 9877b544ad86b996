package org.mailpush.ingest.mime;

/** Receives the body of one part line by line, as {@link LineSplitter} cut it, then its end. */
interface BodySink {

    /** Drops what it gets: the bodies a summary does not read. */
    BodySink DISCARD = new BodySink() {
        @Override
        public void line(byte[] bytes, int offset, int length, boolean lineEnd) {
            // not read
        }

        @Override
        public void end() {
            // nothing held
        }
    };

    void line(byte[] bytes, int offset, int length, boolean lineEnd);

    void end();
}

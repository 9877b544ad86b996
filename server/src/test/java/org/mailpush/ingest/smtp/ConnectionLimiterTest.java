package org.mailpush.ingest.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mailpush.ingest.smtp.ConnectionLimiter.Admission.ADDRESS_FULL;
import static org.mailpush.ingest.smtp.ConnectionLimiter.Admission.ADMITTED;
import static org.mailpush.ingest.smtp.ConnectionLimiter.Admission.SERVER_FULL;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {

    @Test
    void admitsWithinBothLimitsAndAgainAfterARelease() throws UnknownHostException {
        var a = InetAddress.getByName("192.0.2.1");
        var b = InetAddress.getByName("192.0.2.2");
        var c = InetAddress.getByName("192.0.2.3");
        var limiter = new ConnectionLimiter(3, 2);

        assertThat(limiter.admit(a)).isEqualTo(ADMITTED);
        assertThat(limiter.admit(a)).isEqualTo(ADMITTED);
        assertThat(limiter.admit(a)).isEqualTo(ADDRESS_FULL);
        assertThat(limiter.admit(b)).isEqualTo(ADMITTED);
        assertThat(limiter.admit(c)).isEqualTo(SERVER_FULL);
        limiter.release(a);
        assertThat(limiter.admit(c)).isEqualTo(ADMITTED);
        assertThat(limiter.admit(a)).isEqualTo(SERVER_FULL);
    }
}

package org.mailpush.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class QuotaTest {

    @Test
    void aMailboxTakesMailUpToItsLimits() {
        var quota = new Quota(3, 1000);

        assertThat(quota.admit(new MailUsage.Usage(2, 500), 400)).isEqualTo(Quota.Verdict.TAKES);
        assertThat(quota.admit(new MailUsage.Usage(3, 500), 0)).isEqualTo(Quota.Verdict.FULL);
        assertThat(quota.admit(new MailUsage.Usage(1, 800), 300)).isEqualTo(Quota.Verdict.FULL);
        assertThat(quota.admit(new MailUsage.Usage(1, 1000), 0)).isEqualTo(Quota.Verdict.FULL);
        assertThat(quota.admit(new MailUsage.Usage(0, 0), 1001)).isEqualTo(Quota.Verdict.NEVER_FITS);
    }

    @Test
    void zeroIsNoLimit() {
        assertThat(Quota.NONE.admit(new MailUsage.Usage(1_000_000, Long.MAX_VALUE / 2), 1 << 30)).isEqualTo(Quota.Verdict.TAKES);
        assertThat(Quota.NONE.limits()).isFalse();
        assertThatThrownBy(() -> new Quota(-1, 0)).hasMessageContaining("quota limits");
    }
}

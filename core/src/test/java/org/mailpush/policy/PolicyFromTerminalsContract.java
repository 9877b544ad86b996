package org.mailpush.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/** What every {@link PolicyFromTerminals} does. */
public interface PolicyFromTerminalsContract {
    UserId ERIN = new UserId("erin");
    UserId FRANK = new UserId("frank");

    /** The store under test: empty at the start of each test. */
    PolicyFromTerminals policyFromTerminals();

    /** The directory of its users, the same instance within a test. */
    UserDirectory users();

    @Test
    default void terminalsMaySetThePolicyUntilTheUserSaysOtherwise() {
        users().add(new User(ERIN, "Erin", Set.of(MailAddress.of("erin@example.com"))));
        users().add(new User(FRANK, "Frank", Set.of(MailAddress.of("frank@example.com"))));
        assertThat(policyFromTerminals().allowed(ERIN)).isTrue();

        policyFromTerminals().allow(ERIN, false);
        assertThat(policyFromTerminals().allowed(ERIN)).isFalse();
        assertThat(policyFromTerminals().allowed(FRANK)).isTrue();

        policyFromTerminals().allow(ERIN, true);
        assertThat(policyFromTerminals().allowed(ERIN)).isTrue();
    }
}

package org.mailpush.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mailpush.device.TokenHash;
import org.mailpush.user.MailAddress;
import org.mailpush.user.User;
import org.mailpush.user.UserDirectory;
import org.mailpush.user.UserId;

/** What every {@link ApiTokens} store does. Each test first adds the users to {@link #users()}. */
public interface ApiTokensContract {
    UserId GRACE = new UserId("grace");
    UserId HEIDI = new UserId("heidi");
    Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    /** The store under test: empty at the start of each test. */
    ApiTokens apiTokens();

    /** The directory of its users, the same instance within a test. */
    UserDirectory users();

    private void addUsers() {
        users().add(new User(GRACE, "Grace", Set.of(MailAddress.of("grace@example.com"))));
        users().add(new User(HEIDI, "Heidi", Set.of(MailAddress.of("heidi@example.com"))));
    }

    @Test
    default void aTokenIsFoundByItsHashWithItsNameScopesAndTimes() {
        addUsers();
        ApiToken issued = apiTokens().issue(GRACE, " backup script ", Set.of(ApiScope.MAIL_READ, ApiScope.POLICY),
                TokenHash.of("one"), T0);

        assertThat(issued.name()).isEqualTo("backup script");
        assertThat(apiTokens().find(TokenHash.of("one"))).contains(issued);
        assertThat(issued.scopes()).containsExactlyInAnyOrder(ApiScope.MAIL_READ, ApiScope.POLICY);
        assertThat(issued.created()).isEqualTo(T0);
        assertThat(issued.lastUsed()).isEmpty();
        assertThat(apiTokens().find(TokenHash.of("two"))).isEmpty();
    }

    @Test
    default void useIsNoted() {
        addUsers();
        ApiToken issued = apiTokens().issue(GRACE, "script", Set.of(ApiScope.DEVICES), TokenHash.of("one"), T0);

        apiTokens().used(issued.id(), T0.plusSeconds(60));

        assertThat(apiTokens().find(TokenHash.of("one")).orElseThrow().lastUsed()).contains(T0.plusSeconds(60));
    }

    @Test
    default void eachUserSeesTheirOwnTokensOldestFirstAndRevokesOnlyThose() {
        addUsers();
        ApiToken first = apiTokens().issue(GRACE, "first", Set.of(ApiScope.DEVICES), TokenHash.of("one"), T0);
        ApiToken second = apiTokens().issue(GRACE, "second", Set.of(ApiScope.ACCOUNTS), TokenHash.of("two"), T0.plusSeconds(1));
        ApiToken heidis = apiTokens().issue(HEIDI, "hers", Set.of(ApiScope.POLICY), TokenHash.of("three"), T0);

        assertThat(apiTokens().of(GRACE)).containsExactly(first, second);
        assertThat(apiTokens().revoke(GRACE, heidis.id())).isFalse();
        assertThat(apiTokens().revoke(GRACE, first.id())).isTrue();
        assertThat(apiTokens().revoke(GRACE, first.id())).isFalse();

        assertThat(apiTokens().find(TokenHash.of("one"))).isEmpty();
        assertThat(apiTokens().of(GRACE)).containsExactly(second);
        assertThat(apiTokens().of(HEIDI)).containsExactly(heidis);
    }

    @Test
    default void aTokenNeedsANameAndAScope() {
        addUsers();
        assertThatThrownBy(() -> apiTokens().issue(GRACE, " ", Set.of(ApiScope.DEVICES), TokenHash.of("one"), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> apiTokens().issue(GRACE, "x", Set.of(), TokenHash.of("one"), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scope");
        assertThat(apiTokens().of(GRACE)).isEmpty();
        assertThat(ApiScope.of("mail:read")).isEqualTo(ApiScope.MAIL_READ);
        assertThatThrownBy(() -> ApiScope.of("admin")).hasMessageContaining("mail:read, devices, policy, accounts");
        assertThat(Optional.of(ApiTokenId.parse("7"))).contains(new ApiTokenId(7));
    }
}

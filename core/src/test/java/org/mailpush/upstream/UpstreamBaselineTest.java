package org.mailpush.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UpstreamBaselineTest {

    @Test
    void laterCursorIsUnderTheGreaterUidValidityWhateverItsUid() {
        var old = new UpstreamCursor(100, 900);
        var rebuilt = new UpstreamCursor(200, 3);

        assertThat(old.later(rebuilt)).isEqualTo(rebuilt);
        assertThat(rebuilt.later(old)).isEqualTo(rebuilt);
    }

    @Test
    void laterCursorUnderOneUidValidityHasTheHigherUid() {
        var baseline = new UpstreamCursor(100, 40);
        var stored = new UpstreamCursor(100, 41);

        assertThat(baseline.later(stored)).isEqualTo(stored);
        assertThat(stored.later(baseline)).isEqualTo(stored);
        assertThat(baseline.later(new UpstreamCursor(100, 40))).isEqualTo(baseline);
    }

    @Test
    void pop3BaselineKeepsACopyOfItsUidls() {
        Set<String> uidls = new HashSet<>(Set.of("a", "b"));
        var baseline = new UpstreamBaseline.Pop3(uidls);
        uidls.add("c");

        assertThat(baseline.uidls()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void pop3BaselineRefusesAnEmptyUidl() {
        assertThatThrownBy(() -> new UpstreamBaseline.Pop3(Set.of("a", "")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("UIDL");
    }
}

package org.mailpush.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProtocolVersionTest {

    @Test
    void sidesOfOneMajorVersionUnderstandEachOtherWhateverTheirMinor() {
        ProtocolVersion server = new ProtocolVersion(1, 1);

        assertThat(server.understands(new ProtocolVersion(1, 0))).as("an older terminal").isTrue();
        assertThat(server.understands(new ProtocolVersion(1, 4))).as("a newer terminal").isTrue();
        assertThat(server.understands(new ProtocolVersion(2, 0))).isFalse();
        assertThat(server.understands(new ProtocolVersion(0, 9))).isFalse();
    }

    @Test
    void aVersionSpeaksTheEarlierMinorsOfItsMajor() {
        assertThat(ProtocolVersion.CURRENT.spoken()).extracting(ProtocolVersion::toString).containsExactly("1.0", "1.1");
    }
}

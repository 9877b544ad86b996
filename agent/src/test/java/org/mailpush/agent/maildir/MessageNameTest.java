package org.mailpush.agent.maildir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.mailpush.mail.MailFlags;

class MessageNameTest {
    @Test
    void namesInNewHaveNoInfo() {
        MessageName name = MessageName.parse("1764151200.4242_7.laptop");

        assertThat(name.unique()).isEqualTo("1764151200.4242_7.laptop");
        assertThat(name.flags()).isEmpty();
        assertThat(name.mailFlags()).isEqualTo(MailFlags.NEW);
    }

    @Test
    void flagsFollowTheInfoSeparator() {
        MessageName name = MessageName.parse("1764151200.4242_7.laptop:2,FRS");

        assertThat(name.unique()).isEqualTo("1764151200.4242_7.laptop");
        assertThat(name.flags()).isEqualTo("FRS");
        assertThat(name.mailFlags()).isEqualTo(new MailFlags(true, true, false));
        assertThat(MessageName.parse("u:2,T").mailFlags().deleted()).isTrue();
        assertThat(MessageName.parse("u:1,whatever").flags()).as("experimental info").isEmpty();
    }

    @Test
    void settingFlagsKeepsOtherLettersAndAsciiOrder() {
        MessageName replied = MessageName.parse("u:2,R");

        assertThat(replied.with(new MailFlags(true, true, false)).curName()).isEqualTo("u:2,FRS");
        assertThat(MessageName.parse("u:2,FRST").with(MailFlags.NEW).curName()).isEqualTo("u:2,R");
        assertThat(MessageName.parse("u").with(new MailFlags(false, false, true)).curName()).isEqualTo("u:2,T");
        assertThat(new MessageName("u", "SFaS").flags()).isEqualTo("FSa");
    }

    @Test
    void uniqueNamesCannotHoldSeparators() {
        assertThatThrownBy(() -> new MessageName("a/b", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageName("", "")).isInstanceOf(IllegalArgumentException.class);
    }
}

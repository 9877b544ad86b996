package org.mailpush.ingest.mime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MailboxTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', nullValues = "NONE", emptyValue = "", textBlock = """
            alice@example.org                                | alice@example.org
            Alice Example <Alice@Example.ORG>                | alice@example.org
            "Example, Alice <boss@x.org>" <alice@example.org> | alice@example.org
            alice@example.org (Alice Example)                | alice@example.org
            "Dave (Marketing)" <dave@corp.example>           | dave@corp.example
            =?utf-8?Q?Ren=C3=A9?= <rene@example.org>        | rene@example.org
            <@relay.example,@other.example:carol@example.com> | carol@example.com
            Friends: dan@example.com, erin@example.com;      | dan@example.com
            a@example.com, b@example.com                     | a@example.com
            John Smith john@example.com                      | john@example.com
            <alice@example.org                               | alice@example.org
            undisclosed-recipients:;                         | ''
            <>                                               | ''
            Alice                                            | ''
            @example.org                                     | ''
            alice@                                           | ''
            <al ice@example.org>                             | ''
            a@b@c                                            | ''
            ''                                               | ''
            """)
    void takesTheAddrSpecOfTheFirstMailbox(String field, String address) {
        assertThat(Mailbox.address(field)).isEqualTo(address);
    }
}

package org.mailpush.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.mailpush.bench.ingest.IngestOptions;

class BenchCommandTest {
    @Test
    void everyBenchmarkHasDefaultsThatParse() {
        assertThat(AllCommand.withDefaults(new LatencyCommand()).terminals).isEqualTo(10_000);
        // Postfix only with --peers, which installs packages.
        assertThat(AllCommand.withDefaults(new IngestCommand()).servers)
                .isEqualTo(EnumSet.of(IngestOptions.Server.H2, IngestOptions.Server.POSTGRES, IngestOptions.Server.GREENMAIL));
        assertThat(AllCommand.withDefaults(new IngestCommand()).connections).isEqualTo(EnumSet.allOf(IngestOptions.Connections.class));
        assertThat(AllCommand.withDefaults(new CapacityCommand()).terminals).isEqualTo(100_000);
        assertThat(AllCommand.withDefaults(new RoutingCommand()).devices).containsExactly(2, 5, 20);
    }

    @Test
    void optionsParseAsTheHelpSaysTheyDo() {
        var cli = BenchCommand.commandLine();
        var parsed = cli.parseArgs("ingest", "--servers", "h2,greenmail", "--connections", "per-mail", "--peers", "--set", "database.pool-size=20",
                "--write", "--docs", "x");

        IngestCommand ingest = parsed.subcommand().commandSpec().commandLine().getCommand();
        assertThat(ingest.servers).containsExactlyInAnyOrder(IngestOptions.Server.H2, IngestOptions.Server.GREENMAIL);
        assertThat(ingest.connections).containsExactly(IngestOptions.Connections.PER_MAIL);
        assertThat(ingest.peers).isTrue();
        assertThat(ingest.run.serverSettings).containsExactly("database.pool-size=20");
        assertThat(ingest.run.write).isTrue();
    }

    @Test
    void withoutASubcommandItSaysWhatItHas() {
        var err = new StringWriter();
        int status = BenchCommand.commandLine().setErr(new PrintWriter(err)).execute();

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("latency", "ingest", "capacity", "routing", "all", "a subcommand is required");
    }
}

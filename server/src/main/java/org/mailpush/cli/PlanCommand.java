package org.mailpush.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.mailpush.json.InvalidInputException;
import org.mailpush.json.PlanJson;
import org.mailpush.json.Scenario;
import org.mailpush.json.ScenarioJson;
import org.mailpush.json.StrictJson;
import org.mailpush.presence.PresenceInference;
import org.mailpush.route.PushPlan;
import org.mailpush.route.Router;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code mailpush plan SCENARIO.json}: prints the push plan for a scenario, offline. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = {
            "Print the push plan for a scenario file, as JSON.",
            "A scenario holds the current time, the policy, the devices with their latest reports and",
            "a mail summary; docs/policy.md describes the formats, docs/examples/ has examples.",
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the plan was printed", "1:the scenario is invalid or unreadable", "2:bad command line"})
final class PlanCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "SCENARIO.json", description = "the scenario file, or - for standard input")
    private String file;

    @Override
    public Integer call() throws IOException {
        var err = spec.commandLine().getErr();
        Scenario scenario;
        if (!file.equals("-") && Files.isDirectory(Path.of(file))) {
            err.println(file + ": is a directory, not a scenario file");
            return 1;
        }
        try (InputStream in = file.equals("-") ? System.in : Files.newInputStream(Path.of(file))) {
            JsonNode document = StrictJson.reader().readTree(in);
            if (document == null || document.isMissingNode()) {
                err.println(file + ": empty file, expected a scenario object");
                return 1;
            }
            scenario = ScenarioJson.read(document);
        } catch (NoSuchFileException e) {
            err.println(file + ": no such file");
            return 1;
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            err.println(file + (at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr()) + ": malformed JSON: " + StrictJson.what(e));
            return 1;
        } catch (InvalidInputException e) {
            err.println(file + ": " + e.getMessage());
            return 1;
        }
        PushPlan plan = new Router(new PresenceInference(scenario.presence()))
                .plan(scenario.user(), scenario.devices(), scenario.policy(), scenario.mail(), scenario.now());
        spec.commandLine().getOut().println(JSON.writeValueAsString(PlanJson.write(plan)));
        return 0;
    }
}

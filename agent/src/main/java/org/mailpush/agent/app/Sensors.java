package org.mailpush.agent.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.mailpush.agent.command.ExternalCommand;
import org.mailpush.agent.config.InputSource;
import org.mailpush.agent.config.LocationSource;
import org.mailpush.agent.config.SensingConfig;
import org.mailpush.agent.sense.IdleTimeSensor;
import org.mailpush.agent.sense.InterruptsSensor;
import org.mailpush.agent.sense.LocationSensor;
import org.mailpush.agent.sense.LogindIdleSensor;
import org.mailpush.agent.sense.ProximitySensor;
import org.mailpush.agent.sense.ReportTrigger;
import org.mailpush.agent.sense.Sensing;
import org.mailpush.agent.sense.Sensor;
import org.mailpush.agent.sense.TemperatureSensor;

/** The sensors the configuration switches on, and the trigger that matches their thresholds. */
final class Sensors {
    private Sensors() {}

    static Sensing of(SensingConfig config) {
        Duration timeout = config.commandTimeout();
        List<Sensor> sensors = new ArrayList<>();
        config.input().ifPresent(input -> sensors.add(switch (input.source()) {
            case InputSource.Logind logind -> new LogindIdleSensor(new ExternalCommand(logind.command(), timeout));
            case InputSource.IdleCommand idle -> new IdleTimeSensor(new ExternalCommand(idle.command(), timeout));
            case InputSource.Interrupts interrupts -> new InterruptsSensor(interrupts.file(), interrupts.devices());
        }));
        config.temperature().ifPresent(heat -> sensors.add(new TemperatureSensor(heat.file())));
        config.proximity().ifPresent(command -> sensors.add(new ProximitySensor(new ExternalCommand(command, timeout))));
        config.location().ifPresent(location -> sensors.add(switch (location) {
            case LocationSource.Fixed fixed -> LocationSensor.fixed(fixed.location());
            case LocationSource.Command command -> LocationSensor.command(new ExternalCommand(command.command(), timeout));
        }));
        return new Sensing(sensors);
    }

    static ReportTrigger trigger(SensingConfig config) {
        Duration window = config.input().map(SensingConfig.Input::window).orElse(Duration.ofMinutes(5));
        double move = config.location().map(l -> l instanceof LocationSource.Command c ? c.minimumMove() : 0.0).orElse(0.0);
        return new ReportTrigger(window, config.temperature(), move);
    }
}

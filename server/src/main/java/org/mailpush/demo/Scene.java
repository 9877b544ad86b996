package org.mailpush.demo;

import java.util.Map;

/**
 * One moment of the demo user's day: how each simulated terminal is used.
 *
 * @param title what the user is doing, printed when the scene starts
 * @param usage each terminal's usage, by device id
 */
public record Scene(String title, Map<String, Usage> usage) {
    /** How one terminal is used during a scene; each reads as what its report says (SPEC T2). */
    public enum Usage {
        /** On, with input a moment ago. */
        TYPING,
        /** On, carried: body heat and the proximity sensor say the user is near. */
        CARRIED,
        /** On, lying untouched. */
        IDLE,
        ASLEEP,
        OFF
    }

    /** The scenes the demo goes through, again and again. */
    public static final java.util.List<Scene> DAY = java.util.List.of(
            new Scene("at the office desk: the desktop is in use, the phone lies on the desk, the laptop sleeps",
                    Map.of("desktop", Usage.TYPING, "phone", Usage.IDLE, "laptop", Usage.ASLEEP)),
            new Scene("in a meeting with the laptop: the desktop is left alone",
                    Map.of("desktop", Usage.IDLE, "phone", Usage.IDLE, "laptop", Usage.TYPING)),
            new Scene("on the way home: the phone is in a pocket, the desktop and laptop sleep",
                    Map.of("desktop", Usage.ASLEEP, "phone", Usage.CARRIED, "laptop", Usage.ASLEEP)),
            new Scene("evening on the sofa with the laptop, the phone in a pocket; the desktop is off",
                    Map.of("desktop", Usage.OFF, "phone", Usage.CARRIED, "laptop", Usage.TYPING)));
}

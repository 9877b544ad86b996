package org.mailpush.route;

import java.util.List;
import java.util.Map;

/**
 * What one rule picked: terminals for the mail, terminals for a hint, a note per terminal for the
 * explanation, and — when it picked nothing — why.
 */
record Selection(List<Candidate> full, List<Candidate> hinted, Map<Candidate, String> notes, String why) {

    static Selection nothing(String why) {
        return new Selection(List.of(), List.of(), Map.of(), why);
    }

    static Selection of(List<Candidate> full, String whyEmpty) {
        return full.isEmpty() ? nothing(whyEmpty) : new Selection(List.copyOf(full), List.of(), Map.of(), "");
    }

    boolean picked() {
        return !full.isEmpty();
    }
}

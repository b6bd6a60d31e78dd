package org.strowger.example.plugin.command;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

class CountsCommandTest {

    private static final String NL = System.lineSeparator();

    @Test
    void oneLinePerKeyInSnapshotOrder() {
        Map<String, Long> snapshot = new TreeMap<>(Map.of("in.request.OPTIONS", 3L, "out.response.2xx", 3L));
        assertEquals("in.request.OPTIONS       3" + NL + "out.response.2xx         3" + NL,
                CountsCommand.render(snapshot));
    }

    @Test
    void saysSoWhenNothingWasSeen() {
        assertEquals("no SIP message seen yet" + NL, CountsCommand.render(Map.of()));
    }
}

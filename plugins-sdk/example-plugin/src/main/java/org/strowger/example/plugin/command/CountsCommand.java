package org.strowger.example.plugin.command;

import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.strowger.example.plugin.api.MessageCounts;

/**
 * {@code example:counts}: one line per counted key, {@code <key> <count>}, e.g.
 * {@code in.request.OPTIONS 3}. Formats output only; the counting lives in {@link MessageCounts}.
 */
@Service
@Command(scope = "example", name = "counts",
        description = "SIP messages seen since the example plugin started: requests by method, responses by class")
public class CountsCommand implements Action {

    @Reference
    private MessageCounts counts;

    @Override
    public Object execute() {
        System.out.print(render(counts.snapshot()));
        return null;
    }

    /** The command's output for a snapshot: {@code <key> <count>} lines, key column padded. */
    static String render(Map<String, Long> snapshot) {
        if (snapshot.isEmpty()) {
            return "no SIP message seen yet" + System.lineSeparator();
        }
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, Long> e : snapshot.entrySet()) {
            out.append(String.format("%-24s %d%n", e.getKey(), e.getValue()));
        }
        return out.toString();
    }
}

package ${package}.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import ${package}.api.NumberNormalizer;

/**
 * {@code ${commandScope}:normalize <number>}: prints the E.164 form of a dialled number.
 * Formats output only; the logic lives in {@link NumberNormalizer}.
 */
@Service
@Command(scope = "${commandScope}", name = "normalize", description = "Shows the E.164 form of a dialled number")
public class NormalizeCommand implements Action {

    @Reference
    private NumberNormalizer normalizer;

    @Argument(index = 0, name = "number", required = true, description = "the number as dialled, e.g. 030 1234567")
    private String number;

    @Override
    public Object execute() {
        System.out.println(normalizer.toE164(number)
                .map(global -> number + " -> " + global)
                .orElse(number + " is not a public number"));
        return null;
    }
}

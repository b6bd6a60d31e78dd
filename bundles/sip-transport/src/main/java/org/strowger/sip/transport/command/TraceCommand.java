package org.strowger.sip.transport.command;

import java.io.PrintStream;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.strowger.sip.transport.api.SipTrace;
import org.strowger.sip.transport.api.TraceFilter;

/** {@code sip:trace [--address A] [--method M] on | off}; without argument shows whether tracing is on.
 * Options come before the argument, as everywhere in the Karaf shell. */
@Command(scope = "sip", name = "trace", description = "Logs every SIP message in and out (logger "
        + SipTrace.LOGGER + ", see log:tail), optionally only for one address or method")
@Service
public class TraceCommand implements Action {

    @Argument(index = 0, name = "state", required = false, description = "on or off; none shows the current state")
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String state;

    @Option(name = "--address", aliases = "-a", description = "only messages from/to this IP or IP:port")
    String address;

    @Option(name = "--method", aliases = "-m", description = "only requests of this method and their responses (CSeq)")
    String method;

    @Reference
    SipTrace trace;

    @Override
    public Object execute() {
        run(trace, state, address, method, System.out);
        return null;
    }

    static void run(SipTrace trace, String state, String address, String method, PrintStream out) {
        if (state == null) {
            out.println(trace.current().map(f -> "SIP trace is on: " + f).orElse("SIP trace is off"));
        } else if ("on".equalsIgnoreCase(state)) {
            trace.enable(new TraceFilter(address, method));
            out.println("SIP trace on: " + trace.current().orElseThrow() + " (logger " + SipTrace.LOGGER + ")");
        } else if ("off".equalsIgnoreCase(state)) {
            trace.disable();
            out.println("SIP trace off");
        } else {
            throw new IllegalArgumentException("use: sip:trace [--address A] [--method M] on | sip:trace off");
        }
    }
}

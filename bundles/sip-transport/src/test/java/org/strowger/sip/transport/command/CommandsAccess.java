package org.strowger.sip.transport.command;

import java.io.PrintStream;
import java.util.List;
import org.strowger.sip.transport.api.ListenerInfo;
import org.strowger.sip.transport.api.SipTrace;

/** Test access to the commands' formatting (package-private). */
public final class CommandsAccess {

    private CommandsAccess() {
    }

    public static void trace(SipTrace trace, String state, String address, String method, PrintStream out) {
        TraceCommand.run(trace, state, address, method, out);
    }

    public static void listeners(List<ListenerInfo> listeners, PrintStream out) {
        ListenersCommand.print(listeners, out);
    }
}

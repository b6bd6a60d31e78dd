package org.strowger.sip.transport.command;

import java.io.PrintStream;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.strowger.sip.transport.api.Flow;
import org.strowger.sip.transport.api.ListenerInfo;
import org.strowger.sip.transport.api.SipTransport;

/** {@code sip:listeners}: the SIP listeners and their counters. */
@Command(scope = "sip", name = "listeners", description = "Lists SIP listeners: address, transport and message counters")
@Service
public class ListenersCommand implements Action {

    @Reference
    SipTransport transport;

    @Override
    public Object execute() {
        print(transport.listeners(), System.out);
        return null;
    }

    static void print(List<ListenerInfo> listeners, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("Name");
        table.column("Transport");
        table.column("Address");
        table.column("In").alignRight();
        table.column("Out").alignRight();
        table.column("Parse errors").alignRight();
        table.column("Dropped").alignRight();
        table.column("Connections").alignRight();
        for (ListenerInfo l : listeners) {
            table.addRow().addContent(l.name(), l.transport(), Flow.format(l.address()), l.messagesIn(), l.messagesOut(),
                    l.parseErrors(), l.dropped(), l.openConnections());
        }
        table.print(out);
    }
}

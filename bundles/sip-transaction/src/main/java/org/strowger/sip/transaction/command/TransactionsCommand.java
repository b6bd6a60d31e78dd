package org.strowger.sip.transaction.command;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.strowger.sip.transaction.api.TransactionInfo;
import org.strowger.sip.transaction.api.TransactionLayer;

/** {@code sip:transactions}: the live SIP transactions, oldest first. */
@Command(scope = "sip", name = "transactions", description = "Lists live SIP transactions: kind, state, method, "
        + "branch, Call-ID, peer, age and last status")
@Service
public class TransactionsCommand implements Action {

    @Reference
    TransactionLayer layer;

    @Override
    public Object execute() {
        print(layer.transactions(), System.out);
        return null;
    }

    static void print(List<TransactionInfo> transactions, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("Kind");
        table.column("State");
        table.column("Method");
        table.column("Branch");
        table.column("Call-ID");
        table.column("Peer");
        table.column("Age").alignRight();
        table.column("Status").alignRight();
        for (TransactionInfo t : transactions) {
            table.addRow().addContent(t.kind(), t.state(), t.method(), t.branch(), t.callId(), t.peer(), age(t.age()),
                    t.lastStatus() == 0 ? "-" : Integer.toString(t.lastStatus()));
        }
        table.print(out);
        out.println(transactions.size() + (transactions.size() == 1 ? " transaction" : " transactions"));
    }

    /** {@code 1.250s}, or {@code 2m05s} past a minute. */
    static String age(Duration age) {
        long millis = age.toMillis();
        if (millis < 60_000) {
            return String.format("%d.%03ds", millis / 1000, millis % 1000);
        }
        long seconds = millis / 1000;
        return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
}

package org.strowger.sip.dialog.command;

import org.strowger.sip.dialog.api.Direction;
import java.io.PrintStream;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.strowger.sip.dialog.api.DialogInfo;
import org.strowger.sip.dialog.api.UserAgent;

/** {@code sip:dialogs}: every dialog of the user agent with its state (RFC 3261 §12). */
@Command(scope = "sip", name = "dialogs", description = "Lists the dialogs of the user agent: Call-ID, tags, state, "
        + "remote target, CSeq, session timer")
@Service
public class DialogsCommand implements Action {

    @Reference
    UserAgent userAgent;

    @Override
    public Object execute() {
        print(userAgent.dialogs(), System.out);
        return null;
    }

    static void print(List<DialogInfo> dialogs, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("Call-ID");
        table.column("Dir");
        table.column("State");
        table.column("Local tag");
        table.column("Remote tag");
        table.column("Remote target");
        table.column("CSeq l/r").alignRight();
        table.column("Session timer");
        table.column("Age").alignRight();
        for (DialogInfo d : dialogs) {
            String timer = d.sessionExpires().isZero() ? "-"
                    : d.sessionExpires().toSeconds() + "s " + (d.localRefresher() ? "(we refresh)" : "(peer refreshes)");
            table.addRow().addContent(d.callId(), d.direction() == Direction.INCOMING ? "in" : "out",
                    d.state(), d.localTag(), d.remoteTag() == null ? "-" : d.remoteTag(), d.remoteTarget(),
                    d.localCSeq() + "/" + d.remoteCSeq(), timer, d.age().toSeconds() + "s");
        }
        table.print(out);
        out.println(dialogs.size() + " dialog(s)");
    }
}

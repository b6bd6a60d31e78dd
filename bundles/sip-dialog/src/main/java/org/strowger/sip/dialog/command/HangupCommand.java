package org.strowger.sip.dialog.command;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.strowger.sip.dialog.api.Call;
import org.strowger.sip.dialog.api.UserAgent;

/** {@code sip:hangup <call-id>}: ends a call (CANCEL, 487 or BYE, as its state requires). */
@Command(scope = "sip", name = "hangup", description = "Ends a call by Call-ID: CANCEL before answer, BYE after")
@Service
public class HangupCommand implements Action {

    @Argument(index = 0, name = "call-id", required = true, description = "the Call-ID, as sip:dialogs shows it")
    String callId;

    @Reference
    UserAgent userAgent;

    @Override
    public Object execute() {
        for (Call c : userAgent.calls()) {
            if (c.callId().equals(callId)) {
                c.hangup();
                System.out.println("hanging up " + callId + " (" + c.state() + ")");
                return null;
            }
        }
        System.err.println("no live call with Call-ID " + callId);
        return null;
    }
}

package org.strowger.sip.dns.command;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.strowger.sip.dns.api.SipResolver;
import org.strowger.sip.dns.api.SipTarget;
import org.strowger.sip.dns.api.TargetTransport;
import org.strowger.sip.message.api.SipUri;

/**
 * {@code sip:resolve [--transports udp,tcp,...] <uri>}: the targets of a SIP URI in the order a request
 * would try them (RFC 3263). Formatting only; the resolution is the {@link SipResolver}'s.
 */
@Command(scope = "sip", name = "resolve", description = "Resolves a SIP URI to its ordered targets (RFC 3263: "
        + "NAPTR, SRV, A/AAAA) as a request to it would try them")
@Service
public class ResolveCommand implements Action {

    /** A bound on the wait, longer than any sane DNS timeout configuration. */
    static final long WAIT_SECONDS = 120;

    @Argument(index = 0, name = "uri", required = true, description = "a sip: or sips: URI, e.g. sip:example.com")
    String uri;

    @Option(name = "--transports", aliases = "-t", description = "comma-separated transports the caller supports "
            + "(udp,tcp,tls,sctp,ws,wss); default all")
    String transports;

    @Reference
    SipResolver resolver;

    @Override
    public Object execute() throws Exception {
        run(resolver, uri, transports, System.out);
        return null;
    }

    static void run(SipResolver resolver, String uriText, String transportList, PrintStream out)
            throws InterruptedException {
        SipUri target = SipUri.parse(uriText.trim());
        Set<TargetTransport> supported = parseTransports(transportList);
        List<SipTarget> targets;
        try {
            targets = resolver.resolve(target, supported).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            out.println("Cannot resolve " + target + ": " + e.getCause().getMessage());
            return;
        } catch (TimeoutException e) {
            out.println("Cannot resolve " + target + ": no result within " + WAIT_SECONDS + " s");
            return;
        }
        print(targets, out);
    }

    static Set<TargetTransport> parseTransports(String list) {
        if (list == null || list.isBlank()) {
            return EnumSet.allOf(TargetTransport.class);
        }
        Set<TargetTransport> out = EnumSet.noneOf(TargetTransport.class);
        for (String t : list.split(",")) {
            out.add(TargetTransport.fromUriParam(t).orElseThrow(() -> new IllegalArgumentException(
                    "unknown transport '" + t.trim() + "': use udp, tcp, tls, sctp, ws or wss")));
        }
        return out;
    }

    static void print(List<SipTarget> targets, PrintStream out) {
        ShellTable table = new ShellTable();
        table.column("#").alignRight();
        table.column("Transport");
        table.column("Address");
        table.column("Port").alignRight();
        table.column("Host");
        int i = 1;
        for (SipTarget t : targets) {
            table.addRow().addContent(i++, t.transport(), t.address().getAddress().getHostAddress(),
                    t.address().getPort(), t.hostName());
        }
        table.print(out);
    }
}

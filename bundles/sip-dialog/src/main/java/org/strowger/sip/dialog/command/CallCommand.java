package org.strowger.sip.dialog.command;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.strowger.platform.api.TimerService;
import org.strowger.sip.dialog.api.Body;
import org.strowger.sip.dialog.api.Call;
import org.strowger.sip.dialog.api.CallListener;
import org.strowger.sip.dialog.api.CallOptions;
import org.strowger.sip.dialog.api.CallRequest;
import org.strowger.sip.dialog.api.EndReason;
import org.strowger.sip.dialog.api.OutgoingCall;
import org.strowger.sip.dialog.api.UserAgent;
import org.strowger.sip.message.api.MalformedHeaderException;
import org.strowger.sip.message.api.NameAddr;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.Uri;

/**
 * {@code sip:call [--offer file] [--from uri] [--hangup-after s] [--wait s] <uri>}: places a call and
 * prints its progress until it is answered or fails. Media is not handled yet: the default offer
 * is an SDP for PCMU/PCMA on a port nothing listens on.
 */
@Command(scope = "sip", name = "call", description = "Places a call to a SIP URI and prints its progress")
@Service
public class CallCommand implements Action {

    @Argument(index = 0, name = "uri", required = true, description = "the Request-URI, e.g. sip:echo@127.0.0.1:5060")
    String target;

    @Option(name = "--offer", description = "file holding the SDP offer; default: a PCMU/PCMA offer")
    String offerFile;

    @Option(name = "--from", description = "From URI; default: the configured identity")
    String from;

    @Option(name = "--hangup-after", description = "send BYE this many seconds after the answer; 0 keeps the call up")
    int hangupAfter = 0;

    @Option(name = "--wait", description = "seconds to wait for the answer before returning (the call goes on)")
    int wait = 40;

    @Option(name = "--no-100rel", description = "do not offer reliable provisional responses (RFC 3262)")
    boolean no100rel;

    @Reference
    UserAgent userAgent;

    @Reference
    TimerService timers;

    @Override
    public Object execute() throws IOException, InterruptedException {
        PrintStream out = System.out;
        Uri uri;
        try {
            uri = Uri.parse(target);
        } catch (MalformedHeaderException e) {
            System.err.println("not a URI: " + target + " (" + e.getMessage() + ")");
            return null;
        }
        Body offer = offerFile != null ? new Body(Body.SDP, Files.readAllBytes(Path.of(offerFile)))
                : Body.sdp(DefaultOffer.sdp());
        CallOptions options = CallOptions.DEFAULTS;
        if (no100rel) {
            options = options.withReliableProvisionals(CallOptions.Use.OFF);
        }
        // the listener runs on the call's executor, whose System.out is not this shell session:
        // it only queues lines; this thread prints them
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        String done = "\u0000done";
        CallListener listener = new CallListener() {
            @Override
            public void onProgress(Call call, SipResponse response) {
                lines.add(response.statusCode() + " " + response.reasonPhrase());
            }

            @Override
            public void onAnswered(Call call, SipResponse response) {
                lines.add(response.statusCode() + " " + response.reasonPhrase() + " — answered, ACK sent");
                if (hangupAfter > 0) {
                    timers.schedule(Duration.ofSeconds(hangupAfter), Runnable::run, call::hangup); // hangup() hops itself
                }
                lines.add(done);
            }

            @Override
            public void onEnded(Call call, EndReason reason, SipResponse finalResponse) {
                lines.add("ended: " + reason + (finalResponse == null ? ""
                        : " (" + finalResponse.statusCode() + " " + finalResponse.reasonPhrase() + ")"));
                lines.add(done);
            }
        };
        NameAddr fromAddr = from == null ? null : NameAddr.of(Uri.parse(from));
        OutgoingCall call = userAgent.call(new CallRequest(uri, fromAddr, null, offer, options), listener);
        out.println("calling " + uri + " (Call-ID " + call.callId() + ")");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(wait);
        while (true) {
            String line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                out.println("no answer after " + wait + " s; the call goes on (sip:hangup " + call.callId() + ")");
                break;
            }
            if (line.equals(done)) {
                break;
            }
            out.println(line);
        }
        return null;
    }
}

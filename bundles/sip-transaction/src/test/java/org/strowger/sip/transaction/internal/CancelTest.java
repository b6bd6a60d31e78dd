package org.strowger.sip.transaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.transaction.api.ClientTransaction;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transaction.api.TransactionState;
import org.strowger.sip.transport.api.InboundMessage;

/** RFC 3261 §9.1: cancelling a pending INVITE from the client side; §9.2 end to end. */
class CancelTest {

    private final Harness h = new Harness();
    private final Harness.Node a = h.node("127.0.0.1");
    private final Harness.Peer peer = h.peer("127.0.0.2");
    private final RecordingClientUser tu = new RecordingClientUser();

    private ClientTransaction invite() {
        SipRequest invite = Messages.invite("sip:bob@example.com", "call-cancel");
        invite.addHeader(HeaderNames.ROUTE, "<sip:127.0.0.2:5060;lr>");
        return a.layer.sendRequest(invite, tu);
    }

    @Test
    void rfc3261_9_1_cancelBeforeAnyProvisional_waitsForOne() {
        ClientTransaction tx = invite();

        assertTrue(tx.cancel("SIP;cause=487;text=\"gone\""));
        h.advanceMillis(1600);
        assertTrue(peer.requests("CANCEL").isEmpty(), "MUST NOT be sent before a provisional response");

        peer.respond(peer.last("INVITE"), 180, "bob1");
        assertEquals(1, peer.requests("CANCEL").size());
    }

    @Test
    void rfc3261_9_1_cancelAfterProvisional_builtFromTheInviteAndSentToItsTarget() {
        ClientTransaction tx = invite();
        InboundMessage inviteAtPeer = peer.last("INVITE");
        SipRequest sent = (SipRequest) inviteAtPeer.message();
        peer.respond(inviteAtPeer, 180, "bob1");

        assertTrue(tx.cancel("SIP;cause=487"));
        InboundMessage cancelAtPeer = peer.last("CANCEL");
        SipRequest cancel = (SipRequest) cancelAtPeer.message();
        assertEquals(sent.requestUri(), cancel.requestUri());
        assertEquals(sent.callId(), cancel.callId());
        assertEquals(sent.header(HeaderNames.FROM), cancel.header(HeaderNames.FROM));
        assertEquals(sent.header(HeaderNames.TO), cancel.header(HeaderNames.TO), "the INVITE's To, without the 180's tag");
        assertEquals("1 CANCEL", cancel.cseq().toString());
        assertEquals(1, cancel.vias().size());
        assertEquals(sent.topVia(), cancel.topVia(), "same branch, so the server matches it (§9.2)");
        assertEquals(sent.headerValues(HeaderNames.ROUTE), cancel.headerValues(HeaderNames.ROUTE));
        assertEquals("SIP;cause=487", cancel.header("Reason"));
        assertEquals(inviteAtPeer.flow().remote(), cancelAtPeer.flow().remote());
        assertTrue(tx.cancel(null), "already cancelled: still true, nothing more sent");
        assertEquals(1, peer.requests("CANCEL").size());
    }

    @Test
    void rfc3261_9_1_cancelRetransmittedAsNonInvite_responsesNotReported_487Is() {
        ClientTransaction tx = invite();
        peer.respond(peer.last("INVITE"), 180, "bob1");
        tx.cancel(null);
        h.advanceMillis(500);
        assertEquals(2, peer.requests("CANCEL").size(), "Timer E retransmits the CANCEL");
        peer.respond(peer.last("CANCEL"), 200, "bob1");
        peer.respond(peer.last("INVITE"), 487, "bob1");

        assertEquals(List.of(180, 487), tu.statuses());
        assertEquals(1, peer.requests("ACK").size(), "the 487 is ACKed by the INVITE transaction");
        assertEquals(TransactionState.COMPLETED, tx.state());
    }

    @Test
    void rfc3261_9_1_reasonWithCrLf_rejectedAtOnceInTheCallersThread_inviteUnaffected() {
        ClientTransaction tx = invite();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tx.cancel("SIP;cause=487\r\nX-Injected: 1"));
        assertTrue(e.getMessage().contains("CR, LF"), e.getMessage());
        peer.respond(peer.last("INVITE"), 180, "bob1");
        assertEquals(List.of(180), tu.statuses(), "the 180 reaches the user");
        assertTrue(peer.requests("CANCEL").isEmpty(), "no CANCEL was queued");
        assertEquals(TransactionState.PROCEEDING, tx.state());

        assertThrows(IllegalArgumentException.class, () -> tx.cancel("a\nb"), "after a provisional response too");
        assertTrue(tx.cancel("SIP;cause=487"));
        assertEquals(1, peer.requests("CANCEL").size());
    }

    @Test
    void rfc3261_9_1_cancelThatCannotBeBuilt_provisionalStillDelivered_inviteEndsAfter64T1() {
        ClientTransaction tx = invite();
        assertTrue(tx.cancel(null), "pending until a provisional response");
        // Fault injection: the layer's copy of the INVITE, which the CANCEL is built from (§9.1), gets a
        // Max-Forwards the message model refuses to read, so building the CANCEL throws.
        tx.request().setHeader(HeaderNames.MAX_FORWARDS, "999");

        peer.respond(peer.last("INVITE"), 180, "bob1");
        assertEquals(List.of(180), tu.statuses(), "the 1xx is delivered before the CANCEL is attempted");
        assertTrue(peer.requests("CANCEL").isEmpty(), "the CANCEL could not be built");

        h.advance(Duration.ofMillis(31_999));
        assertEquals(TransactionState.PROCEEDING, tx.state());
        h.advanceMillis(1);
        assertEquals(List.of(180, 408), tu.statuses(), "§9.1: the INVITE is considered cancelled after 64*T1");
        assertEquals(TransactionState.TERMINATED, tx.state());
    }

    @Test
    void rfc3261_9_1_afterFinalResponse_nothingSent() {
        ClientTransaction tx = invite();
        peer.respond(peer.last("INVITE"), 486, "bob1");

        assertFalse(tx.cancel(null));
        assertTrue(peer.requests("CANCEL").isEmpty());
    }

    @Test
    void rfc3261_9_1_pendingCancel_droppedWhenAFinalResponseArrivesFirst() {
        ClientTransaction tx = invite();
        tx.cancel(null);
        peer.respond(peer.last("INVITE"), 200, "bob1");
        peer.respond(peer.last("INVITE"), 180, "bob1");

        assertTrue(peer.requests("CANCEL").isEmpty());
    }

    @Test
    void rfc3261_9_1_onlyInvitesAreCancelled() {
        ClientTransaction options = a.layer.sendRequest(Messages.request("OPTIONS", "sip:bob@127.0.0.2", "c-o", 1), tu);
        peer.respond(peer.last("OPTIONS"), 100, null);

        assertFalse(options.cancel(null));
        assertTrue(peer.requests("CANCEL").isEmpty());
    }

    @Test
    void rfc3261_9_1_noFinalResponse64T1AfterCancel_inviteConsideredCancelled() {
        ClientTransaction tx = invite();
        peer.respond(peer.last("INVITE"), 180, "bob1");
        tx.cancel(null);

        h.advance(Duration.ofMillis(31_999));
        assertEquals(TransactionState.PROCEEDING, tx.state());
        h.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(List.of(180, 408), tu.statuses());
        assertEquals(Optional.of(TransactionFailure.TIMEOUT), tx.failure());
    }

    @Test
    void rfc3261_9_pendingCancel_noFailoverToTheNextTarget() {
        h.resolver.add("two.example.com", "UDP 127.0.0.2:5060", "UDP 127.0.0.3:5060");
        Harness.Peer second = h.peer("127.0.0.3");
        ClientTransaction tx = a.layer.sendRequest(Messages.invite("sip:bob@two.example.com", "c-f"), tu);
        tx.cancel(null);
        h.advance(Duration.ofSeconds(32));

        assertTrue(second.requests("INVITE").isEmpty(), "a cancelled INVITE is not tried elsewhere");
        assertEquals(List.of(408), tu.statuses());
    }

    @Test
    void rfc3261_9_endToEnd_cancelledInviteGets487_cancel200() {
        Harness.Node b = h.node("127.0.0.3");
        b.user.answering(st -> st.respond(Messages.response(st.request(), 180, "b1")));
        b.user.cancelling(c -> {
            c.cancel().respond(Messages.response(c.cancel().request(), 200, "b1"));
            c.cancelled().respond(Messages.response(c.cancelled().request(), 487, "b1"));
        });
        ClientTransaction tx = a.layer.sendRequest(Messages.invite(b.uri("bob"), "call-e2e"), tu);
        assertTrue(tx.cancel(null));

        assertEquals(List.of(180, 487), tu.statuses());
        assertEquals(1, b.user.cancels.size());
        h.advance(Duration.ofSeconds(40));
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(0, a.layer.transactions().size());
        assertEquals(0, b.layer.transactions().size());
        assertTrue(b.user.failures.isEmpty(), "the 487 was ACKed");
    }
}

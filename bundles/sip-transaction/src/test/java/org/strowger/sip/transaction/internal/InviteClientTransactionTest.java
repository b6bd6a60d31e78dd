package org.strowger.sip.transaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.message.api.Via;
import org.strowger.sip.transaction.api.ClientTransaction;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transaction.api.TransactionState;
import org.strowger.sip.transport.api.InboundMessage;
import org.strowger.sip.transport.api.Transport;

/** RFC 3261 §17.1.1 (Figure 5) and RFC 6026 §7.2: the INVITE client transaction, edge by edge. */
class InviteClientTransactionTest {

    private final Harness h = new Harness();
    private final Harness.Node a = h.node("127.0.0.1");
    private final Harness.Peer peer = h.peer("127.0.0.2");
    private final RecordingClientUser tu = new RecordingClientUser();

    private ClientTransaction invite(String requestUri) {
        return a.layer.sendRequest(Messages.invite(requestUri, "call-ict"), tu);
    }

    private ClientTransaction inviteUdp() {
        return invite("sip:bob@127.0.0.2:5060");
    }

    private InboundMessage lastInvite() {
        return peer.last("INVITE");
    }

    @Test
    void rfc3261_17_1_1_2_calling_inviteSentWithMagicCookieBranch_timersAAndBRunning() {
        ClientTransaction tx = inviteUdp();

        assertEquals(1, peer.requests("INVITE").size());
        Via top = lastInvite().message().topVia();
        assertTrue(top.hasMagicCookie(), top.toString());
        assertEquals(tx.branch(), top.branch());
        assertEquals("127.0.0.1", top.host(), "the transport writes the sent-by");
        assertTrue(top.hasRport(), "RFC 3581: rport requested");
        assertEquals(TransactionState.CALLING, tx.state());
        assertEquals(2, h.timers.pending(), "Timers A and B");
        assertEquals(Optional.of(Transport.UDP), tx.flow().map(f -> f.transport()));
    }

    @Test
    void rfc3261_17_1_1_2_calling_timerA_retransmits() {
        ClientTransaction tx = inviteUdp();

        h.advanceMillis(499);
        assertEquals(1, peer.requests("INVITE").size());
        h.advanceMillis(1);
        assertEquals(2, peer.requests("INVITE").size());
        assertEquals(tx.branch(), lastInvite().message().topVia().branch(), "a retransmission, not a new transaction");
        assertEquals(TransactionState.CALLING, tx.state());
        assertEquals(1, a.metric("retransmissions_sent"));
    }

    @Test
    void rfc3261_17_1_1_2_calling_udpRetransmissionsAtHalfOneTwoFourEightSixteenSeconds_timerBAt32s() {
        ClientTransaction tx = inviteUdp();

        h.advance(Duration.ofMillis(31_999));
        List<Long> intervals = new ArrayList<>();
        List<InboundMessage> sent = peer.requests("INVITE");
        for (int i = 1; i < sent.size(); i++) {
            intervals.add((sent.get(i).receivedNanos() - sent.get(i - 1).receivedNanos()) / 1_000_000);
        }
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 16000L), intervals);
        assertTrue(tu.responses.isEmpty());

        h.advanceMillis(1);
        assertEquals(List.of(408), tu.statuses());
        assertEquals("Request Timeout (Timer B)", tu.last().reasonPhrase());
        assertEquals(Optional.of(TransactionFailure.TIMEOUT), tx.failure());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(1, tu.terminated);
        assertEquals(7, peer.requests("INVITE").size(), "no retransmission after Timer B");
        assertEquals(1, a.metric("timeouts"));
    }

    @Test
    void rfc3261_17_1_1_2_calling_timerB_synthesized408CarriesTheRequestsIdentity() {
        ClientTransaction tx = inviteUdp();
        h.advance(Duration.ofSeconds(32));

        SipResponse timeout = tu.last();
        assertEquals(408, timeout.statusCode());
        assertEquals("call-ict", timeout.callId());
        assertEquals(tx.branch(), timeout.topVia().branch());
        assertEquals("1 INVITE", timeout.cseq().toString());
        assertEquals(0, a.layer.transactions().size());
    }

    @Test
    void rfc3261_17_1_1_2_calling_reliableTransport_noTimerA_timerBStillFires() {
        ClientTransaction tx = invite("sip:bob@127.0.0.2:5060;transport=tcp");

        assertEquals(1, h.timers.pending(), "only Timer B over TCP");
        h.advance(Duration.ofMillis(31_999));
        assertEquals(1, peer.requests("INVITE").size(), "TCP: no retransmissions");
        assertEquals(Transport.TCP, lastInvite().flow().transport());
        h.advanceMillis(1);
        assertEquals(List.of(408), tu.statuses());
        assertEquals(TransactionState.TERMINATED, tx.state());
    }

    @Test
    void rfc3261_17_1_1_2_calling_transportError_informsTuWithSynthesized503() {
        a.transport.failSends(m -> true);
        ClientTransaction tx = inviteUdp();

        assertEquals(List.of(503), tu.statuses());
        assertTrue(tu.last().reasonPhrase().startsWith("Service Unavailable (transport error"), tu.last().reasonPhrase());
        assertEquals(Optional.of(TransactionFailure.TRANSPORT_ERROR), tx.failure());
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(1, tu.terminated);
        assertEquals(0, h.timers.pending(), "Timers A and B cancelled");
    }

    @Test
    void rfc3261_17_1_1_2_calling_1xx_toProceedingPassedToTu_retransmissionsStop() {
        ClientTransaction tx = inviteUdp();
        peer.respond(lastInvite(), 180, "bob1");

        assertEquals(List.of(180), tu.statuses());
        assertEquals(TransactionState.PROCEEDING, tx.state());
        h.advance(Duration.ofSeconds(120));
        assertEquals(1, peer.requests("INVITE").size(), "no retransmission in Proceeding");
        assertEquals(List.of(180), tu.statuses(), "Timer B does not apply in Proceeding");
        assertEquals(TransactionState.PROCEEDING, tx.state());
    }

    @Test
    void rfc3261_17_1_1_2_calling_300to699_ackSent_toCompleted_passedToTu() {
        ClientTransaction tx = inviteUdp();
        peer.respond(lastInvite(), 486, "bob1");

        assertEquals(List.of(486), tu.statuses());
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertEquals(1, peer.requests("ACK").size());
        assertEquals(Optional.empty(), tx.failure(), "a real response");
    }

    @Test
    void rfc6026_7_2_calling_2xx_toAcceptedPassedToTu_transactionSendsNoAck() {
        ClientTransaction tx = inviteUdp();
        peer.respond(lastInvite(), 200, "bob1");

        assertEquals(List.of(200), tu.statuses());
        assertEquals(TransactionState.ACCEPTED, tx.state());
        h.advance(Duration.ofSeconds(5));
        assertEquals(0, peer.requests("ACK").size(), "the ACK for a 2xx is the TU's (RFC 3261 §13.2.2.4)");
        assertEquals(1, peer.requests("INVITE").size(), "no retransmission after a 2xx");
    }

    @Test
    void rfc3261_17_1_1_2_proceeding_1xx_passedToTu() {
        ClientTransaction tx = inviteUdp();
        peer.respond(lastInvite(), 180, "bob1");
        peer.respond(lastInvite(), 183, "bob1");

        assertEquals(List.of(180, 183), tu.statuses());
        assertEquals(TransactionState.PROCEEDING, tx.state());
    }

    @Test
    void rfc3261_17_1_1_2_proceeding_300to699_ackSent_toCompleted() {
        ClientTransaction tx = inviteUdp();
        peer.respond(lastInvite(), 180, "bob1");
        peer.respond(lastInvite(), 603, "bob1");

        assertEquals(List.of(180, 603), tu.statuses());
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertEquals(1, peer.requests("ACK").size());
    }

    @Test
    void rfc6026_7_2_proceeding_2xx_toAccepted() {
        ClientTransaction tx = inviteUdp();
        peer.respond(lastInvite(), 180, "bob1");
        peer.respond(lastInvite(), 200, "bob1");

        assertEquals(List.of(180, 200), tu.statuses());
        assertEquals(TransactionState.ACCEPTED, tx.state());
    }

    @Test
    void rfc3261_17_1_1_2_completed_retransmittedFinal_ackSentAgain_notPassedToTu() {
        ClientTransaction tx = inviteUdp();
        peer.respond(lastInvite(), 486, "bob1");
        peer.respond(lastInvite(), 486, "bob1");
        peer.respond(lastInvite(), 486, "bob1");

        assertEquals(List.of(486), tu.statuses());
        assertEquals(3, peer.requests("ACK").size());
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertEquals(2, a.metric("retransmissions_absorbed"));
    }

    @Test
    void rfc3261_13_2_2_4_completed_2xxFromAnotherFork_passedToTheCoreAsStray() {
        ClientTransaction tx = inviteUdp();
        peer.respond(lastInvite(), 486, "fork1");
        peer.respond(lastInvite(), 200, "fork2");

        assertEquals(List.of(486), tu.statuses(), "the transaction's user has its final response");
        assertEquals(1, a.user.strays.size(), "the 2xx goes to the UA core, which ACKs it and may BYE it");
        assertEquals(200, a.user.strays.get(0).statusCode());
        assertEquals("fork2", a.user.strays.get(0).to().tag());
        assertEquals(1, a.metric("stray_responses"));
        assertEquals(1, peer.requests("ACK").size(), "the transaction ACKs only the non-2xx (§17.1.1.3)");
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertEquals(0, a.metric("retransmissions_absorbed"));
    }

    @Test
    void rfc3261_17_1_1_2_completed_timerD_terminatesAfter32sOverUdp() {
        ClientTransaction tx = inviteUdp();
        peer.respond(lastInvite(), 486, "bob1");

        h.advance(Duration.ofMillis(31_999));
        assertEquals(TransactionState.COMPLETED, tx.state());
        assertEquals(0, tu.terminated);
        h.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(1, tu.terminated);
        assertEquals(List.of(486), tu.statuses());
    }

    @Test
    void rfc3261_17_1_1_2_completed_timerDIsAtLeast32sEvenWithSmallT1() {
        Harness fast = new Harness();
        Harness.Node node = fast.node("127.0.0.1", Harness.settings(50, 4000, 5000, 200, 1000));
        Harness.Peer remote = fast.peer("127.0.0.2");
        ClientTransaction tx = node.layer.sendRequest(Messages.invite("sip:bob@127.0.0.2", "call-d"), tu);
        remote.respond(remote.last("INVITE"), 486, "bob1");

        fast.advance(Duration.ofMillis(31_999));
        assertEquals(TransactionState.COMPLETED, tx.state());
        fast.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
    }

    @Test
    void rfc3261_17_1_1_2_completed_reliableTransport_timerDZero() {
        ClientTransaction tx = invite("sip:bob@127.0.0.2:5060;transport=tcp");
        peer.respond(lastInvite(), 486, "bob1");

        assertEquals(TransactionState.TERMINATED, tx.state(), "Timer D is 0 over TCP");
        assertEquals(List.of(486), tu.statuses());
        assertEquals(1, tu.terminated);
        assertEquals(1, peer.requests("ACK").size());
    }

    @Test
    void rfc3261_17_1_1_2_completed_transportError_terminates() {
        ClientTransaction tx = inviteUdp();
        peer.respond(lastInvite(), 486, "bob1");
        a.transport.failSends(m -> true);
        peer.respond(lastInvite(), 486, "bob1");

        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(List.of(486), tu.statuses(), "the TU already has its final response; nothing synthesized");
        assertEquals(1, tu.terminated);
    }

    @Test
    void rfc6026_7_2_accepted_2xxRetransmissionPassedToTu() {
        ClientTransaction tx = inviteUdp();
        peer.respond(lastInvite(), 200, "bob1");
        peer.respond(lastInvite(), 200, "bob1");

        assertEquals(List.of(200, 200), tu.statuses());
        assertEquals(TransactionState.ACCEPTED, tx.state());
        assertEquals(0, peer.requests("ACK").size());
    }

    @Test
    void rfc6026_7_2_accepted_2xxFromAnotherForkPassedToTu() {
        inviteUdp();
        peer.respond(lastInvite(), 200, "bob1");
        peer.respond(lastInvite(), 200, "bob2");

        assertEquals(List.of("bob1", "bob2"), tu.responses.stream().map(r -> r.to().tag()).toList());
    }

    @Test
    void rfc6026_7_2_accepted_1xxAndNon2xxAbsorbed() {
        inviteUdp();
        peer.respond(lastInvite(), 200, "bob1");
        peer.respond(lastInvite(), 180, "bob2");
        peer.respond(lastInvite(), 486, "bob3");

        assertEquals(List.of(200), tu.statuses());
    }

    @Test
    void rfc6026_7_2_accepted_timerM_terminates_thenResponsesAreStray() {
        ClientTransaction tx = inviteUdp();
        peer.respond(lastInvite(), 200, "bob1");

        h.advance(Duration.ofMillis(31_999));
        assertEquals(TransactionState.ACCEPTED, tx.state());
        h.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(1, tu.terminated);

        peer.respond(lastInvite(), 200, "bob1");
        assertEquals(List.of(200), tu.statuses());
        assertEquals(1, a.user.strays.size(), "after Timer M a 2xx matches nothing (RFC 6026 §8.4)");
        assertEquals(1, a.metric("stray_responses"));
    }

    @Test
    void rfc3261_17_1_1_3_ackForNon2xx_requestUriCallIdFromCSeqToViaRoute() {
        SipRequest request = Messages.invite("sip:bob@example.com", "call-ack");
        request.addHeader(HeaderNames.ROUTE, "<sip:127.0.0.2:5060;lr>");
        request.addHeader(HeaderNames.ROUTE, "<sip:proxy2.example.com;lr>");
        ClientTransaction tx = a.layer.sendRequest(request, tu);
        SipRequest invite = (SipRequest) lastInvite().message();
        peer.respond(lastInvite(), 486, "bob-tag");

        InboundMessage received = peer.last("ACK");
        SipRequest ack = (SipRequest) received.message();
        assertEquals("sip:bob@example.com", ack.requestUri().toString());
        assertEquals("call-ack", ack.callId());
        assertEquals(invite.header(HeaderNames.FROM), ack.header(HeaderNames.FROM));
        assertEquals("1 ACK", ack.cseq().toString());
        assertEquals("bob-tag", ack.to().tag());
        assertEquals(1, ack.vias().size(), "a single Via");
        assertEquals(invite.topVia(), ack.topVia(), "the INVITE's top Via, same branch");
        assertEquals(tx.branch(), ack.topVia().branch());
        assertEquals(invite.headerValues(HeaderNames.ROUTE), ack.headerValues(HeaderNames.ROUTE));
        assertEquals(0, ack.contentLength());
        assertNotNull(ack.maxForwards());
        assertEquals(lastInvite().flow().remote(), received.flow().remote(), "same source");
        assertFalse(ack.hasHeader(HeaderNames.CONTACT));
    }
}

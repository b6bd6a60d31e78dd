package org.strowger.sip.transaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.api.ServerTransaction;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transaction.api.TransactionKind;
import org.strowger.sip.transaction.api.TransactionState;
import org.strowger.sip.transport.api.InboundMessage;
import org.strowger.sip.transport.api.Transport;

/** RFC 3261 §17.2.1 (Figure 7) and RFC 6026 §7.1: the INVITE server transaction, edge by edge. */
class InviteServerTransactionTest {

    private static final String BRANCH = "z9hG4bK-peer-1";

    private final Harness h = new Harness();
    private final Harness.Node b = h.node("127.0.0.1");
    private final Harness.Peer peer = h.peer("127.0.0.2");

    private SipRequest invite() {
        return Messages.incoming("INVITE", "call-ist", 1, BRANCH);
    }

    private ServerTransaction receiveInvite() {
        peer.send(invite(), b.address);
        return b.user.last();
    }

    private void retransmitInvite() {
        peer.send(invite(), b.address);
    }

    private void ack(String branch) {
        SipRequest ack = Messages.incoming("ACK", "call-ist", 1, branch);
        peer.send(ack, b.address);
    }

    private SipResponse response(ServerTransaction tx, int status) {
        return Messages.response(tx.request(), status, "bob-tag");
    }

    private List<Integer> statusesAtPeer() {
        return peer.responses().stream().map(SipResponse::statusCode).toList();
    }

    @Test
    void rfc3261_17_2_1_proceeding_invitePassedToTu_100TryingAfter200msWithoutToTag() {
        ServerTransaction tx = receiveInvite();

        assertEquals(TransactionKind.INVITE_SERVER, tx.kind());
        assertEquals(TransactionState.PROCEEDING, tx.state());
        assertEquals(Transport.UDP, tx.flow().transport());
        h.advanceMillis(199);
        assertTrue(peer.responses().isEmpty());
        h.advanceMillis(1);
        assertEquals(List.of(100), statusesAtPeer());
        assertNull(peer.responses().get(0).to().tag(), "§17.2.1: no To tag on the 100");
        assertEquals(TransactionState.PROCEEDING, tx.state());
    }

    @Test
    void rfc3261_17_2_1_proceeding_noTryingWhenTuAnswersWithin200ms() {
        b.user.answering(tx -> tx.respond(response(tx, 180)));
        receiveInvite();

        h.advance(Duration.ofSeconds(1));
        assertEquals(List.of(180), statusesAtPeer());
    }

    @Test
    void rfc3261_17_2_1_proceeding_trying100DelayZero_sentAtOnce() {
        Harness other = new Harness();
        Harness.Node node = other.node("127.0.0.1", Harness.settings(500, 4000, 5000, 0, 1000));
        Harness.Peer remote = other.peer("127.0.0.2");
        remote.send(invite(), node.address);

        assertEquals(List.of(100), remote.responses().stream().map(SipResponse::statusCode).toList());
    }

    @Test
    void rfc3261_8_2_6_1_layers100Trying_copiesTheTimestamp_withTheDelayAdded() {
        SipRequest stamped = invite();
        stamped.addHeader("Timestamp", "54.3");
        peer.send(stamped, b.address);
        h.advanceMillis(200);

        SipResponse trying = peer.responses().get(0);
        assertEquals(100, trying.statusCode());
        assertEquals("54.3 0.200", trying.header("Timestamp"), "§8.2.6.1: copied (MUST), the 200 ms delay added (SHOULD)");
        retransmitInvite();
        assertEquals("54.3 0.200", peer.responses().get(1).header("Timestamp"), "the retransmitted 100 too");
    }

    @Test
    void rfc3261_8_2_6_1_layers100TryingAtOnce_copiesTheTimestampAsIs() {
        Harness other = new Harness();
        Harness.Node node = other.node("127.0.0.1", Harness.settings(500, 4000, 5000, 0, 1000));
        Harness.Peer remote = other.peer("127.0.0.2");
        SipRequest stamped = invite();
        stamped.addHeader("Timestamp", "54 0.5");
        remote.send(stamped, node.address);

        assertEquals("54 0.5", remote.responses().get(0).header("Timestamp"));
        remote.send(invite(), node.address);
        Harness.Peer third = other.peer("127.0.0.3");
        third.send(Messages.incoming("INVITE", "call-no-ts", 1, "z9hG4bK-nts"), node.address);
        assertEquals(null, third.responses().get(0).header("Timestamp"), "none without one in the request");
    }

    @Test
    void rfc3261_17_2_1_proceeding_noWatchdog_anInviteMayRingForLong() {
        ServerTransaction tx = receiveInvite();
        h.advance(Duration.ofMinutes(10));

        assertEquals(TransactionState.PROCEEDING, tx.state(), "the TU decides how long an INVITE rings");
        assertTrue(b.user.failures.isEmpty());
        tx.respond(response(tx, 200));
        assertEquals(List.of(100, 200), statusesAtPeer());
    }

    @Test
    void rfc3261_17_2_1_proceeding_inviteRetransmission_lastProvisionalResent_notPassedToTu() {
        ServerTransaction tx = receiveInvite();
        retransmitInvite();
        assertTrue(peer.responses().isEmpty(), "nothing to resend yet: absorbed");

        tx.respond(response(tx, 180));
        retransmitInvite();

        assertEquals(List.of(180, 180), statusesAtPeer());
        assertEquals(1, b.user.requests.size());
        assertEquals(TransactionState.PROCEEDING, tx.state());
    }

    @Test
    void rfc3261_17_2_1_proceeding_1xxFromTu_sent() {
        ServerTransaction tx = receiveInvite();
        tx.respond(response(tx, 180));
        tx.respond(response(tx, 183));

        assertEquals(List.of(180, 183), statusesAtPeer());
        assertEquals(183, tx.lastResponse().statusCode());
        assertEquals(TransactionState.PROCEEDING, tx.state());
    }

    @Test
    void rfc3261_17_2_1_proceeding_300to699FromTu_sent_toCompleted() {
        ServerTransaction tx = receiveInvite();
        tx.respond(response(tx, 486));

        assertEquals(List.of(486), statusesAtPeer());
        assertEquals(TransactionState.COMPLETED, tx.state());
    }

    @Test
    void rfc6026_7_1_proceeding_2xxFromTu_sent_toAccepted() {
        ServerTransaction tx = receiveInvite();
        tx.respond(response(tx, 200));

        assertEquals(List.of(200), statusesAtPeer());
        assertEquals(TransactionState.ACCEPTED, tx.state());
    }

    @Test
    void rfc3261_17_2_1_proceeding_transportError_terminatesAndInformsTu() {
        ServerTransaction tx = receiveInvite();
        b.transport.failSends(m -> true);
        tx.respond(response(tx, 180));

        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(1, b.user.failures.size());
        assertSame(tx, b.user.failures.get(0).transaction());
        assertEquals(TransactionFailure.TRANSPORT_ERROR, b.user.failures.get(0).failure());
    }

    @Test
    void rfc3261_17_2_1_completed_timerG_retransmitsDoublingCappedAtT2_timerHAt64T1() {
        ServerTransaction tx = receiveInvite();
        tx.respond(response(tx, 486));

        h.advance(Duration.ofMillis(31_999));
        List<InboundMessage> finals = peer.received.stream()
                .filter(m -> m.message() instanceof SipResponse r && r.statusCode() == 486).toList();
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < finals.size(); i++) {
            gaps.add((finals.get(i).receivedNanos() - finals.get(i - 1).receivedNanos()) / 1_000_000);
        }
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 4000L, 4000L, 4000L, 4000L, 4000L, 4000L), gaps);
        assertEquals(TransactionState.COMPLETED, tx.state());

        h.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(List.of(TransactionFailure.NO_ACK), b.user.failures.stream().map(f -> f.failure()).toList());
        assertEquals(1, b.metric("ack_timeouts"));
    }

    @Test
    void rfc3261_17_2_1_completed_inviteRetransmission_finalResent() {
        ServerTransaction tx = receiveInvite();
        tx.respond(response(tx, 486));
        retransmitInvite();

        assertEquals(List.of(486, 486), statusesAtPeer());
        assertEquals(1, b.user.requests.size());
        assertEquals(TransactionState.COMPLETED, tx.state());
    }

    @Test
    void rfc3261_17_2_1_completed_ack_toConfirmed_retransmissionsStop_ackNotPassedToTu() {
        ServerTransaction tx = receiveInvite();
        tx.respond(response(tx, 486));
        ack(BRANCH);

        assertEquals(TransactionState.CONFIRMED, tx.state());
        assertTrue(b.user.acks.isEmpty(), "the ACK of a non-2xx belongs to the transaction");
        h.advanceMillis(4000);
        assertEquals(List.of(486), statusesAtPeer());
    }

    @Test
    void rfc3261_17_2_1_completed_transportError_terminatesAndInformsTu() {
        ServerTransaction tx = receiveInvite();
        tx.respond(response(tx, 486));
        b.transport.failSends(m -> true);
        h.advanceMillis(500);

        assertEquals(TransactionState.TERMINATED, tx.state());
        assertEquals(List.of(TransactionFailure.TRANSPORT_ERROR), b.user.failures.stream().map(f -> f.failure()).toList());
    }

    @Test
    void rfc3261_17_2_1_completed_furtherResponsesFromTuIgnored() {
        ServerTransaction tx = receiveInvite();
        tx.respond(response(tx, 486));
        tx.respond(response(tx, 200));

        assertEquals(List.of(486), statusesAtPeer());
        assertEquals(486, tx.lastResponse().statusCode());
        assertEquals(TransactionState.COMPLETED, tx.state());
    }

    @Test
    void rfc3261_17_2_1_confirmed_ackRetransmissionsAbsorbed() {
        ServerTransaction tx = receiveInvite();
        tx.respond(response(tx, 486));
        ack(BRANCH);
        ack(BRANCH);
        retransmitInvite();

        assertEquals(TransactionState.CONFIRMED, tx.state());
        assertTrue(b.user.acks.isEmpty());
        assertEquals(1, b.user.requests.size());
        assertEquals(List.of(486), statusesAtPeer());
    }

    @Test
    void rfc3261_17_2_1_confirmed_timerI_terminatesAfterT4() {
        ServerTransaction tx = receiveInvite();
        tx.respond(response(tx, 486));
        ack(BRANCH);

        h.advanceMillis(4999);
        assertEquals(TransactionState.CONFIRMED, tx.state());
        h.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
        assertTrue(b.user.failures.isEmpty());
        assertEquals(0, b.layer.transactions().size());
    }

    @Test
    void rfc3261_17_2_1_reliableTransport_noTimerG_timerIZero() {
        peer.send(invite(), b.address, Transport.TCP);
        ServerTransaction tx = b.user.last();
        assertEquals(Transport.TCP, tx.flow().transport());
        tx.respond(response(tx, 486));

        h.advance(Duration.ofSeconds(10));
        assertEquals(List.of(486), statusesAtPeer(), "no Timer G over TCP");
        SipRequest ack = Messages.incoming("ACK", "call-ist", 1, BRANCH);
        peer.send(ack, b.address, Transport.TCP);
        assertEquals(TransactionState.TERMINATED, tx.state(), "Timer I is 0 over TCP");
    }

    @Test
    void rfc6026_7_1_accepted_inviteRetransmissionAbsorbed() {
        ServerTransaction tx = receiveInvite();
        tx.respond(response(tx, 200));
        retransmitInvite();
        retransmitInvite();

        assertEquals(List.of(200), statusesAtPeer(), "the transaction never retransmits a 2xx on its own");
        assertEquals(1, b.user.requests.size(), "not a new request");
        assertEquals(TransactionState.ACCEPTED, tx.state());
        assertEquals(2, b.metric("retransmissions_absorbed"));
    }

    @Test
    void rfc6026_7_1_accepted_2xxFromTuPassedToTransport() {
        ServerTransaction tx = receiveInvite();
        tx.respond(response(tx, 200));
        tx.respond(response(tx, 200));
        tx.respond(response(tx, 200));

        assertEquals(List.of(200, 200, 200), statusesAtPeer());
        assertEquals(TransactionState.ACCEPTED, tx.state());
    }

    @Test
    void rfc6026_7_1_accepted_matchingAckPassedToTu() {
        ServerTransaction tx = receiveInvite();
        tx.respond(response(tx, 200));
        ack(BRANCH);

        assertEquals(1, b.user.acks.size(), "an ACK matching the Accepted transaction goes to the TU");
        assertEquals(TransactionState.ACCEPTED, tx.state());
    }

    @Test
    void rfc6026_7_1_accepted_ackFor2xxWithItsOwnBranchPassedToTu() {
        ServerTransaction tx = receiveInvite();
        tx.respond(response(tx, 200));
        ack("z9hG4bK-peer-ack");

        assertEquals(1, b.user.acks.size());
        assertEquals(TransactionState.ACCEPTED, tx.state());
    }

    @Test
    void rfc6026_7_1_accepted_timerL_terminates_laterInviteIsNewRequest() {
        ServerTransaction tx = receiveInvite();
        tx.respond(response(tx, 200));

        h.advance(Duration.ofMillis(31_999));
        assertEquals(TransactionState.ACCEPTED, tx.state());
        h.advanceMillis(1);
        assertEquals(TransactionState.TERMINATED, tx.state());
        retransmitInvite();
        assertEquals(2, b.user.requests.size(), "after Timer L the INVITE starts a new transaction");
    }

    @Test
    void rfc6026_7_1_accepted_transportError_reportedButRetransmissionsStillAbsorbed() {
        ServerTransaction tx = receiveInvite();
        tx.respond(response(tx, 200));
        b.transport.failSends(m -> true);
        tx.respond(response(tx, 200));

        assertEquals(List.of(TransactionFailure.TRANSPORT_ERROR), b.user.failures.stream().map(f -> f.failure()).toList());
        assertEquals(TransactionState.ACCEPTED, tx.state());
        retransmitInvite();
        assertEquals(1, b.user.requests.size());
    }
}

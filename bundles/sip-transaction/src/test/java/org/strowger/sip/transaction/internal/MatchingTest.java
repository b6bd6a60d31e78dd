package org.strowger.sip.transaction.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.strowger.sip.message.api.HeaderNames;
import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.api.ClientTransaction;
import org.strowger.sip.transaction.api.ServerTransaction;
import org.strowger.sip.transaction.api.TransactionKind;
import org.strowger.sip.transaction.api.TransactionState;
import org.strowger.sip.transport.api.InboundMessage;

/**
 * Matching: responses to client transactions (RFC 3261 §17.1.3), requests to server transactions
 * (§17.2.3, with the RFC 2543 fallback), ACKs, CANCEL to the request it cancels (§9.2) and 481.
 */
class MatchingTest {

    private final Harness h = new Harness();
    private final Harness.Node b = h.node("127.0.0.1");
    private final Harness.Peer peer = h.peer("127.0.0.2");

    private List<Integer> statusesAtPeer() {
        return peer.responses().stream().map(SipResponse::statusCode).toList();
    }

    // ------------------------------------------------------------------ §17.1.3

    @Test
    void rfc3261_17_1_3_responseMatchesByTopViaBranchAndCSeqMethod() {
        RecordingClientUser tu = new RecordingClientUser();
        ClientTransaction tx = b.layer.sendRequest(Messages.request("OPTIONS", "sip:bob@127.0.0.2", "c1", 1), tu);
        InboundMessage options = peer.last("OPTIONS");

        SipResponse otherMethod = Messages.response((SipRequest) options.message(), 200, "t");
        otherMethod.setHeader(HeaderNames.CSEQ, "1 INFO");
        peer.respond(options, otherMethod);
        assertTrue(tu.responses.isEmpty(), "same branch, other CSeq method: not this transaction");
        assertEquals(1, b.user.strays.size());

        peer.respond(options, 200, "t");
        assertEquals(List.of(200), tu.statuses());
        assertEquals(TransactionState.COMPLETED, tx.state());
    }

    @Test
    void rfc3261_17_1_3_responseWithUnknownBranch_strayToTu() {
        SipRequest unknown = Messages.incoming("OPTIONS", "c2", 1, "z9hG4bK-never-sent");
        peer.respond(new InboundMessage(unknown, new org.strowger.sip.transport.api.Flow(
                org.strowger.sip.transport.api.Transport.UDP, peer.address, b.address, 0), 0), 200, "t");

        assertEquals(1, b.user.strays.size());
        assertEquals(1, b.metric("stray_responses"));
    }

    // ------------------------------------------------------------------ §17.2.3 with the magic cookie

    @Test
    void rfc3261_17_2_3_sameBranchSentByAndMethod_isRetransmission() {
        peer.send(Messages.incoming("OPTIONS", "c3", 1, "z9hG4bK-a"), b.address);
        peer.send(Messages.incoming("OPTIONS", "c3", 1, "z9hG4bK-a"), b.address);

        assertEquals(1, b.user.requests.size());
    }

    @Test
    void rfc3261_17_2_3_otherBranch_isNewTransaction() {
        peer.send(Messages.incoming("OPTIONS", "c4", 1, "z9hG4bK-a"), b.address);
        peer.send(Messages.incoming("OPTIONS", "c4", 1, "z9hG4bK-b"), b.address);

        assertEquals(2, b.user.requests.size());
    }

    @Test
    void rfc3261_17_2_3_otherSentBy_isNewTransaction() {
        Harness.Peer other = h.peer("127.0.0.3");
        peer.send(Messages.incoming("OPTIONS", "c5", 1, "z9hG4bK-a"), b.address);
        other.send(Messages.incoming("OPTIONS", "c5", 1, "z9hG4bK-a"), b.address);

        assertEquals(2, b.user.requests.size(), "the same branch from another sent-by is another transaction");
    }

    @Test
    void rfc3261_17_2_3_otherMethodSameBranch_isNewTransaction() {
        peer.send(Messages.incoming("OPTIONS", "c6", 1, "z9hG4bK-a"), b.address);
        peer.send(Messages.incoming("INFO", "c6", 1, "z9hG4bK-a"), b.address);

        assertEquals(2, b.user.requests.size());
    }

    @Test
    void rfc3261_17_2_3_otherMethodSameBranch_doesNotReplaceTheInviteTransaction() {
        peer.send(Messages.incoming("INVITE", "c6i", 1, "z9hG4bK-shared"), b.address);
        ServerTransaction invite = b.user.last();
        invite.respond(Messages.response(invite.request(), 486, "x"));
        peer.send(Messages.incoming("OPTIONS", "c6i", 2, "z9hG4bK-shared"), b.address);
        ServerTransaction options = b.user.last();
        options.respond(Messages.response(options.request(), 200, "x"));
        assertEquals(2, b.user.requests.size());
        assertEquals(2, b.layer.transactions().size());

        peer.send(Messages.incoming("INVITE", "c6i", 1, "z9hG4bK-shared"), b.address);
        assertEquals(2, b.user.requests.size(), "the INVITE retransmission still matches its transaction");
        assertEquals(List.of(486, 200, 486), statusesAtPeer(), "and gets the 486 again");
        peer.send(Messages.incoming("ACK", "c6i", 1, "z9hG4bK-shared"), b.address);
        assertEquals(TransactionState.CONFIRMED, invite.state(), "the ACK is looked up under INVITE");
        assertTrue(b.user.acks.isEmpty());
        peer.send(Messages.incoming("OPTIONS", "c6i", 2, "z9hG4bK-shared"), b.address);
        assertEquals(List.of(486, 200, 486, 200), statusesAtPeer(), "the OPTIONS keeps its own transaction");
    }

    @Test
    void rfc3261_17_2_3_ackWithInviteBranch_matchesInviteTransaction() {
        peer.send(Messages.incoming("INVITE", "c7", 1, "z9hG4bK-i"), b.address);
        ServerTransaction invite = b.user.last();
        invite.respond(Messages.response(invite.request(), 404, "x"));
        peer.send(Messages.incoming("ACK", "c7", 1, "z9hG4bK-i"), b.address);

        assertEquals(TransactionState.CONFIRMED, invite.state());
        assertTrue(b.user.acks.isEmpty());
    }

    @Test
    void rfc3261_17_2_3_ackMatchingNoTransaction_isAckFor2xx_passedToTu() {
        peer.send(Messages.incoming("ACK", "c8", 1, "z9hG4bK-new"), b.address);

        assertEquals(1, b.user.acks.size());
        assertTrue(b.user.requests.isEmpty());
        assertTrue(peer.responses().isEmpty(), "an ACK is never answered");
    }

    // ------------------------------------------------------------------ §17.2.3 RFC 2543 fallback

    @Test
    void rfc3261_17_2_3_rfc2543_noBranch_retransmissionMatchedByRequestUriTagsCallIdCSeqAndVia() {
        peer.send(Messages.incoming("INVITE", "c9", 1, null), b.address);
        ServerTransaction tx = b.user.last();
        tx.respond(Messages.response(tx.request(), 180, "bob"));
        peer.send(Messages.incoming("INVITE", "c9", 1, null), b.address);

        assertEquals(1, b.user.requests.size());
        assertEquals(List.of(180, 180), statusesAtPeer());
        assertTrue(tx.request().topVia().branch() == null);
    }

    @Test
    void rfc3261_17_2_3_rfc2543_branchWithoutCookie_comparedAsPartOfTheVia() {
        peer.send(Messages.incoming("OPTIONS", "c10", 1, "old-style-1"), b.address);
        peer.send(Messages.incoming("OPTIONS", "c10", 1, "old-style-1"), b.address);
        peer.send(Messages.incoming("OPTIONS", "c10", 1, "old-style-2"), b.address);

        assertEquals(2, b.user.requests.size(), "same Via: retransmission; other Via branch: other request");
    }

    @Test
    void rfc3261_17_2_3_rfc2543_otherCSeqOrFromTagOrRequestUri_isNewTransaction() {
        peer.send(Messages.incoming("OPTIONS", "c11", 1, null), b.address);
        peer.send(Messages.incoming("OPTIONS", "c11", 2, null), b.address);
        SipRequest otherFrom = Messages.incoming("OPTIONS", "c11", 1, null);
        otherFrom.setHeader(HeaderNames.FROM, "<sip:alice@example.com>;tag=other");
        peer.send(otherFrom, b.address);
        SipRequest otherUri = Messages.incoming("OPTIONS", "c11", 1, null);
        otherUri.setRequestUri(org.strowger.sip.message.api.SipUri.parse("sip:carol@127.0.0.1"));
        peer.send(otherUri, b.address);
        SipRequest equivalentUri = Messages.incoming("OPTIONS", "c11", 1, null);
        equivalentUri.setRequestUri(org.strowger.sip.message.api.SipUri.parse("sip:bob@127.0.0.1:5060"));
        peer.send(equivalentUri, b.address);

        assertEquals(4, b.user.requests.size());
    }

    @Test
    void rfc3261_17_2_3_rfc2543_ackMatchedByToTagOfTheResponseSent() {
        peer.send(Messages.incoming("INVITE", "c12", 1, null), b.address);
        ServerTransaction tx = b.user.last();
        tx.respond(Messages.response(tx.request(), 486, "srv-tag"));

        SipRequest wrongTag = Messages.incoming("ACK", "c12", 1, null);
        wrongTag.setHeader(HeaderNames.TO, "<sip:bob@example.com>;tag=other");
        peer.send(wrongTag, b.address);
        assertEquals(TransactionState.COMPLETED, tx.state(), "an ACK with another To tag is not this transaction's");
        assertEquals(1, b.user.acks.size());

        SipRequest ack = Messages.incoming("ACK", "c12", 1, null);
        ack.setHeader(HeaderNames.TO, "<sip:bob@example.com>;tag=srv-tag");
        peer.send(ack, b.address);
        assertEquals(TransactionState.CONFIRMED, tx.state());
        assertEquals(1, b.user.acks.size());
    }

    @Test
    void rfc3261_17_2_3_rfc2543_ackFor2xxInAccepted_passedToTu() {
        peer.send(Messages.incoming("INVITE", "c13", 1, null), b.address);
        ServerTransaction tx = b.user.last();
        tx.respond(Messages.response(tx.request(), 200, "srv-tag"));
        SipRequest ack = Messages.incoming("ACK", "c13", 1, null);
        ack.setHeader(HeaderNames.TO, "<sip:bob@example.com>;tag=srv-tag");
        peer.send(ack, b.address);

        assertEquals(TransactionState.ACCEPTED, tx.state());
        assertEquals(1, b.user.acks.size());
    }

    // ------------------------------------------------------------------ §9.2 CANCEL

    @Test
    void rfc3261_9_2_cancelMatchesInvite_ownTransaction_bothGivenToTu() {
        peer.send(Messages.incoming("INVITE", "c14", 1, "z9hG4bK-inv"), b.address);
        ServerTransaction invite = b.user.last();
        b.user.cancelling(c -> {
            c.cancel().respond(Messages.response(c.cancel().request(), 200, "srv"));
            c.cancelled().respond(Messages.response(c.cancelled().request(), 487, "srv"));
        });
        peer.send(Messages.incoming("CANCEL", "c14", 1, "z9hG4bK-inv"), b.address);

        assertEquals(1, b.user.cancels.size());
        RecordingServerUser.Cancel c = b.user.cancels.get(0);
        assertSame(invite, c.cancelled());
        assertNotSame(invite, c.cancel());
        assertEquals(TransactionKind.NON_INVITE_SERVER, c.cancel().kind());
        assertEquals("CANCEL", c.cancel().request().method().name());
        assertEquals(TransactionState.COMPLETED, c.cancel().state());
        assertEquals(TransactionState.COMPLETED, invite.state());
        assertEquals(List.of(200, 487), statusesAtPeer());
        assertEquals(1, b.user.requests.size(), "the CANCEL is not an onRequest");
    }

    @Test
    void rfc3261_9_2_cancelRetransmission_absorbedByItsTransaction() {
        peer.send(Messages.incoming("INVITE", "c15", 1, "z9hG4bK-inv"), b.address);
        b.user.cancelling(c -> c.cancel().respond(Messages.response(c.cancel().request(), 200, "srv")));
        peer.send(Messages.incoming("CANCEL", "c15", 1, "z9hG4bK-inv"), b.address);
        peer.send(Messages.incoming("CANCEL", "c15", 1, "z9hG4bK-inv"), b.address);

        assertEquals(1, b.user.cancels.size());
        assertEquals(List.of(200, 200), statusesAtPeer());
    }

    @Test
    void rfc3261_9_2_unmatchedCancel_481ByTheLayer_tuNotCalled() {
        peer.send(Messages.incoming("CANCEL", "c16", 1, "z9hG4bK-nothing"), b.address);
        peer.send(Messages.incoming("CANCEL", "c16", 1, "z9hG4bK-nothing"), b.address);

        assertTrue(b.user.cancels.isEmpty());
        assertEquals(List.of(481, 481), statusesAtPeer(), "the retransmission gets the 481 again");
        assertTrue(peer.responses().get(0).to().tag() != null);
        assertEquals(1, b.metric("cancel_481"));
    }

    @Test
    void rfc3261_9_2_cancelWithOtherSentBy_doesNotMatch() {
        peer.send(Messages.incoming("INVITE", "c17", 1, "z9hG4bK-inv"), b.address);
        Harness.Peer other = h.peer("127.0.0.3");
        other.send(Messages.incoming("CANCEL", "c17", 1, "z9hG4bK-inv"), b.address);

        assertTrue(b.user.cancels.isEmpty());
        assertEquals(List.of(481), other.responses().stream().map(SipResponse::statusCode).toList());
    }

    @Test
    void rfc3261_9_2_rfc2543Cancel_matchedWithoutBranch() {
        peer.send(Messages.incoming("INVITE", "c18", 1, null), b.address);
        ServerTransaction invite = b.user.last();
        peer.send(Messages.incoming("CANCEL", "c18", 1, null), b.address);

        assertEquals(1, b.user.cancels.size());
        assertSame(invite, b.user.cancels.get(0).cancelled());
    }
}

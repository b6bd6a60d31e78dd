package org.strowger.sip.transaction.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.strowger.sip.message.api.SipRequest;
import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.api.ServerTransaction;
import org.strowger.sip.transaction.api.TransactionFailure;
import org.strowger.sip.transaction.spi.ServerTransactionUser;
import org.strowger.sip.transport.api.Flow;

/** Records what the server side of a layer reports; optionally answers requests. */
final class RecordingServerUser implements ServerTransactionUser {

    record Cancel(ServerTransaction cancel, ServerTransaction cancelled) {
    }

    record Failure(ServerTransaction transaction, TransactionFailure failure) {
    }

    final List<ServerTransaction> requests = new ArrayList<>();
    final List<Cancel> cancels = new ArrayList<>();
    final List<SipRequest> acks = new ArrayList<>();
    final List<SipResponse> strays = new ArrayList<>();
    final List<Failure> failures = new ArrayList<>();
    private Consumer<ServerTransaction> onRequest = tx -> { };
    private Consumer<Cancel> onCancel = c -> { };
    private Consumer<SipRequest> onAck = a -> { };

    RecordingServerUser answering(Consumer<ServerTransaction> behaviour) {
        this.onRequest = behaviour;
        return this;
    }

    RecordingServerUser cancelling(Consumer<Cancel> behaviour) {
        this.onCancel = behaviour;
        return this;
    }

    RecordingServerUser acking(Consumer<SipRequest> behaviour) {
        this.onAck = behaviour;
        return this;
    }

    @Override
    public void onRequest(ServerTransaction transaction) {
        requests.add(transaction);
        onRequest.accept(transaction);
    }

    @Override
    public void onCancel(ServerTransaction cancel, ServerTransaction cancelled) {
        Cancel c = new Cancel(cancel, cancelled);
        cancels.add(c);
        onCancel.accept(c);
    }

    @Override
    public void onAck(SipRequest ack, Flow flow) {
        acks.add(ack);
        onAck.accept(ack);
    }

    @Override
    public void onStrayResponse(SipResponse response, Flow flow) {
        strays.add(response);
    }

    @Override
    public void onServerFailure(ServerTransaction transaction, TransactionFailure failure) {
        failures.add(new Failure(transaction, failure));
    }

    ServerTransaction last() {
        return requests.get(requests.size() - 1);
    }
}

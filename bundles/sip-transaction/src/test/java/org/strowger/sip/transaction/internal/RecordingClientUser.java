package org.strowger.sip.transaction.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

import org.strowger.sip.message.api.SipResponse;
import org.strowger.sip.transaction.api.ClientTransaction;
import org.strowger.sip.transaction.api.ClientTransactionUser;

/** Records what a client transaction reports; optionally reacts to each response. */
final class RecordingClientUser implements ClientTransactionUser {

    final List<SipResponse> responses = new ArrayList<>();
    int terminated;
    private BiConsumer<ClientTransaction, SipResponse> reaction = (t, r) -> { };

    RecordingClientUser onEach(BiConsumer<ClientTransaction, SipResponse> reaction) {
        this.reaction = reaction;
        return this;
    }

    @Override
    public void onResponse(ClientTransaction transaction, SipResponse response) {
        responses.add(response);
        reaction.accept(transaction, response);
    }

    @Override
    public void onTerminated(ClientTransaction transaction) {
        terminated++;
    }

    List<Integer> statuses() {
        return responses.stream().map(SipResponse::statusCode).toList();
    }

    long finals() {
        return responses.stream().filter(r -> r.statusCode() >= 200).count();
    }

    SipResponse last() {
        return responses.get(responses.size() - 1);
    }
}

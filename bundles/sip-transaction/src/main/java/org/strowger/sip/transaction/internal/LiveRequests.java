package org.strowger.sip.transaction.internal;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client requests ({@link ClientRequest} handles) whose user has not yet been told
 * {@code onTerminated}: what {@code close()} ends with a synthesized 503, so that no client transaction
 * user waits forever for a layer that has stopped.
 */
final class LiveRequests {

    private final Set<ClientRequest> live = ConcurrentHashMap.newKeySet();

    void add(ClientRequest request) {
        live.add(request);
    }

    void remove(ClientRequest request) {
        live.remove(request);
    }

    List<ClientRequest> snapshot() {
        return List.copyOf(live);
    }
}

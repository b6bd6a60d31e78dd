package org.strowger.sip.dns.api;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import org.osgi.annotation.versioning.ProviderType;
import org.strowger.sip.message.api.SipUri;

/**
 * RFC 3263 §4 client-side server location. Given the URI a request is sent to (the Request-URI, or
 * the top Route of a loose-routed request, RFC 3261 §8.1.2) it yields every target in the order it
 * must be tried: transport by §4.1 (explicit {@code transport} param, numeric host, port present,
 * NAPTR, SRV, default), then SRV priority and weight (RFC 2782), then each A/AAAA address.
 *
 * <p>Never blocks: the returned stage completes on a resolver thread (or at once for a numeric target
 * or a URI that cannot be resolved at all), so callers hop back to their own executor. DNS answers are
 * cached for their TTL; negative answers for the SOA minimum (RFC 2308 §5), bounded by configuration.
 *
 * <p>The list is the whole failover order of RFC 3263 §4.3: when a target fails (a transport error, a
 * timeout, a 503 without Retry-After) the caller sends a new request (new branch) to the next one.
 */
@ProviderType
public interface SipResolver {

    /**
     * Resolves {@code uri} to its ordered targets, restricted to the transports the caller can use.
     * A {@code sips} URI yields only secure transports (RFC 3263 §4.1). The {@code maddr} parameter,
     * when present, replaces the host (RFC 3261 §19.1.1).
     *
     * @param uri        the next-hop URI
     * @param supported  the transports the caller can send over; NAPTR/SRV records for other
     *                   transports are skipped (RFC 3263 §4.1: "only those ... the client supports")
     * @return the targets, never empty; fails with {@link SipResolutionException} when there are none
     */
    CompletionStage<List<SipTarget>> resolve(SipUri uri, Set<TargetTransport> supported);

    /** {@link #resolve(SipUri, Set)} with every transport the RFC knows. */
    default CompletionStage<List<SipTarget>> resolve(SipUri uri) {
        return resolve(uri, EnumSet.allOf(TargetTransport.class));
    }
}

package org.strowger.sip.dns.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.strowger.sip.dns.api.TargetTransport;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.Name;

/**
 * RFC 3263 §4.1 NAPTR processing: keeps the records a client can use and orders them.
 *
 * <ul>
 *   <li>only the flag "S" (the replacement names the SRV records, RFC 3263 §4.1, RFC 3403 §4.1) and
 *       a replacement other than ".";</li>
 *   <li>only SIP services ("SIP+D2X", "SIPS+D2X", case-insensitive) of transports the caller supports;
 *       other services are discarded (RFC 3263 §4.1: "MUST discard any service fields that identify a
 *       resolution service whose value is not D2X, for values of X that indicate transport protocols
 *       supported by the client");</li>
 *   <li>for a SIPS URI only "SIPS+..." services; for a SIP URI "SIPS+..." ones are kept (§4.1: "The
 *       converse is not true");</li>
 *   <li>ordered by order, then preference, lowest first (RFC 3403 §4.1).</li>
 * </ul>
 * Every usable record is returned, not only the first: the caller tries the next one on failure.
 */
final class NaptrSelection {

    /** A usable NAPTR record: the transport it stands for and the SRV name to query. */
    record Choice(TargetTransport transport, Name srvName, int order, int preference) {
    }

    private NaptrSelection() {
    }

    static List<Choice> select(List<NAPTRRecord> records, boolean sipsUri, Set<TargetTransport> supported) {
        List<Choice> out = new ArrayList<>();
        for (NAPTRRecord r : records) {
            if (!"S".equalsIgnoreCase(r.getFlags()) || r.getReplacement().equals(Name.root)) {
                continue;
            }
            Optional<TargetTransport> t = byService(r.getService());
            if (t.isEmpty() || !supported.contains(t.get()) || (sipsUri && !t.get().isSecure())) {
                continue;
            }
            out.add(new Choice(t.get(), r.getReplacement(), r.getOrder(), r.getPreference()));
        }
        out.sort(Comparator.comparingInt(Choice::order).thenComparingInt(Choice::preference));
        return out;
    }

    /** The transport of a NAPTR service field, e.g. "SIP+D2U" → UDP; empty for any other service. */
    static Optional<TargetTransport> byService(String service) {
        String s = service == null ? "" : service.toUpperCase(Locale.ROOT);
        for (TargetTransport t : TargetTransport.values()) {
            if (t.naptrService().equals(s)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}

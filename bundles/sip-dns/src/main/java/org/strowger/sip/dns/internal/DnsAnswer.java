package org.strowger.sip.dns.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.xbill.DNS.lookup.LookupFailedException;
import org.xbill.DNS.lookup.NoSuchDomainException;
import org.xbill.DNS.lookup.NoSuchRRSetException;
import org.xbill.DNS.lookup.ServerFailedException;

/**
 * The outcome of one DNS lookup step: the values found, or why there are none.
 *
 * @param values the records or addresses, empty unless {@link Outcome#FOUND}
 * @param detail what went wrong, for the error message; empty when found
 */
record DnsAnswer<T>(Outcome outcome, List<T> values, String detail) {

    /** Why a lookup has values or not, from the most to the least definite failure. */
    enum Outcome {
        /** At least one value. */
        FOUND,
        /** The name does not exist (NXDOMAIN, RFC 1035 §4.1.1, RFC 8020). */
        NO_DOMAIN,
        /** The servers did not answer (timeouts, unreachable servers). */
        NO_RESPONSE,
        /** The server answered with an error (SERVFAIL, REFUSED, a CNAME loop ...). */
        SERVER_FAILURE,
        /** The name exists but has no records of the type (NODATA, RFC 2308 §2.2). */
        NO_RECORDS
    }

    DnsAnswer {
        values = List.copyOf(values);
    }

    static <T> DnsAnswer<T> found(List<T> values) {
        return values.isEmpty() ? new DnsAnswer<>(Outcome.NO_RECORDS, values, "no records")
                : new DnsAnswer<>(Outcome.FOUND, values, "");
    }

    static <T> DnsAnswer<T> none(Outcome outcome, String detail) {
        return new DnsAnswer<>(outcome, List.of(), detail);
    }

    /** Classifies a failed lookup of dnsjava's {@code LookupSession} or resolvers. */
    static <T> DnsAnswer<T> failure(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof NoSuchDomainException) {
            return none(Outcome.NO_DOMAIN, "NXDOMAIN");
        }
        if (t instanceof NoSuchRRSetException) {
            return none(Outcome.NO_RECORDS, "no records");
        }
        if (t instanceof ServerFailedException) {
            return none(Outcome.SERVER_FAILURE, "SERVFAIL");
        }
        if (t instanceof LookupFailedException) {
            return none(Outcome.SERVER_FAILURE, String.valueOf(t.getMessage()));
        }
        if (t instanceof IOException) {
            return none(Outcome.NO_RESPONSE, "no answer from the DNS servers (" + t.getMessage() + ")");
        }
        return none(Outcome.SERVER_FAILURE, t.toString());
    }

    boolean found() {
        return outcome == Outcome.FOUND;
    }
}

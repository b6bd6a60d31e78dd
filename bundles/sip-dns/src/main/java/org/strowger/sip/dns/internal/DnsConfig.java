package org.strowger.sip.dns.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the RFC 3263 resolver, PID {@code org.strowger.sip.dns}. */
@ObjectClassDefinition(id = DnsConfig.PID, name = "Strowger SIP DNS",
        description = "RFC 3263 server location: DNS servers, timeouts, cache bounds, NAPTR and address families.")
public @interface DnsConfig {

    String PID = "org.strowger.sip.dns";

    @AttributeDefinition(description = "DNS servers as IP or IP:port (IPv6 as [addr]:port). Empty: the system's "
            + "servers (/etc/resolv.conf, read once at start).")
    String[] servers() default {};

    @AttributeDefinition(description = "Milliseconds to wait for one answer from one server before the next attempt.")
    int queryTimeout() default 2000;

    @AttributeDefinition(description = "Attempts per server for one query. A query fails after about servers x attempts "
            + "x queryTimeout (dnsjava notices a timeout within a second of it).")
    int attempts() default 2;

    @AttributeDefinition(description = "Most DNS answers (positive and negative) kept in the cache; the least "
            + "recently used go first. 0 disables the cache.")
    int cacheSize() default 10000;

    @AttributeDefinition(description = "Seconds an answer is cached at most, whatever its TTL says (RFC 1035 §3.2.1 TTL, capped).")
    int maxTtl() default 3600;

    @AttributeDefinition(description = "Seconds a negative answer (NXDOMAIN, no records of the type) is cached at most; "
            + "its TTL is the SOA minimum (RFC 2308 §5). Answers without SOA are not cached.")
    int maxNegativeTtl() default 300;

    @AttributeDefinition(description = "Look up NAPTR records to select the transport (RFC 3263 §4.1). false: go "
            + "straight to the SRV queries.")
    boolean useNaptr() default true;

    @AttributeDefinition(description = "Look up AAAA records besides A records.")
    boolean ipv6() default true;

    @AttributeDefinition(description = "List the AAAA addresses of a host before its A addresses.")
    boolean preferIpv6() default false;

    @AttributeDefinition(description = "Hosts file consulted before DNS (a name found there is resolved from it alone, "
            + "without NAPTR or SRV). Empty: none. localhost always resolves to the loopback addresses (RFC 6761 §6.3).")
    String hostsFile() default "/etc/hosts";

    @AttributeDefinition(description = "Most resolutions in progress at once; beyond it resolve() fails at once.")
    int maxPendingResolutions() default 1000;

    @AttributeDefinition(description = "Threads that complete DNS answers and run the resolution steps (never the caller's).")
    int threads() default 2;
}

/**
 * RFC 3263 server location: turn the next-hop SIP URI of a request into the ordered list of
 * transport, address and port targets to try. Implemented with dnsjava; always asynchronous.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.strowger.sip.dns.api;

/**
 * SIP message model, parser and serializer (RFC 3261 sections 7, 20, 21 and 25).
 *
 * <p>Entry points: {@link org.strowger.sip.message.api.SipParser} turns one complete message
 * (a datagram or one frame cut by a stream framer) into a {@link org.strowger.sip.message.api.ParseResult};
 * {@link org.strowger.sip.message.api.SipMessage#encode()} serializes. Bad input never throws out of the
 * parser: it becomes a {@link org.strowger.sip.message.api.ParseFailure} naming the problem and the status
 * code to answer with.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.strowger.sip.message.api;

/**
 * The SIP transport layer of RFC 3261 §18: send requests and responses over UDP and TCP, list the
 * listeners and trace messages. The upper layer receives messages through
 * {@link org.strowger.sip.transport.spi.SipMessageHandler}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package org.strowger.sip.transport.api;

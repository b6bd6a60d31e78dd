/**
 * What the layers above the transport implement: the one message handler (the transaction layer or,
 * for now, the stateless core) and any number of observers.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.strowger.sip.transport.spi;

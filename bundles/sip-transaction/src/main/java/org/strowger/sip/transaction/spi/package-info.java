/**
 * What the layer above the transactions (the UA core, a proxy core) implements to receive new
 * requests, CANCELs, ACKs for 2xx and stray responses.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.strowger.sip.transaction.spi;

/**
 * The SIP transaction layer of RFC 3261 §17 (with RFC 6026): start client transactions, answer
 * through server transactions, send statelessly, and inspect the live transactions.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.strowger.sip.transaction.api;

/**
 * For tests only: the SIP transaction layer on virtual time and an in-memory network, for the unit
 * tests of this bundle and of the layers above it (dialogs, proxy, plugins). A {@link
 * org.strowger.sip.transaction.testkit.SipTestNetwork} carries re-parsed messages between {@link
 * org.strowger.sip.transaction.testkit.LoopbackSipTransport}s and can lose, duplicate and delay UDP
 * datagrams; a {@link org.strowger.sip.transaction.testkit.SipTestNode} is the real transaction layer
 * on it; timers run on {@link org.strowger.platform.testkit.ManualTimerService}, so RFC 3261 §17 timers
 * (e.g. Timer B at 64·T1) are tested without waiting. Everything here is single-threaded: drive it
 * from the test thread with one {@link org.strowger.sip.transaction.testkit.TrampolineExecutor}.
 * Never used by production code; its classes are loaded only by tests.
 */
@Export
@Version("1.1.0")
package org.strowger.sip.transaction.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

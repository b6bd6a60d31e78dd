/**
 * Deterministic time for tests: a clock that only moves when told and a timer service driven by
 * it, so SIP timer behaviour (e.g. Timer B at 64*T1) is tested without waiting; and a simple
 * in-memory {@link org.strowger.platform.api.Metrics} whose counters tests read by name.
 */
@Export
@Version("1.1.0")
package org.strowger.platform.testkit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

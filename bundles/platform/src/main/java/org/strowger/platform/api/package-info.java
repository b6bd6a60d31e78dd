/**
 * Runtime primitives shared by every Strowger bundle: the clock, one timer service, keyed serial
 * executors (all state of one call is owned by one executor), identifier generation and metrics.
 */
@Export
@Version("1.0.0")
package org.strowger.platform.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;

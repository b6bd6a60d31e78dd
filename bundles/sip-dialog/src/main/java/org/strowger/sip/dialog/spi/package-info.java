/** What applications implement to receive calls (the test application, the PBX, plugins). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.strowger.sip.dialog.spi;

/**
 * The user-agent API (RFC 3261 §8, §12–15 with RFC 3262, 3311, 4028, 6086): place calls and follow
 * their progress, answer, reject or redirect incoming calls, send requests inside and outside
 * dialogs, list the dialogs.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.strowger.sip.dialog.api;

/**
 * What the example plugin offers other bundles: {@link org.strowger.example.plugin.api.MessageCounts}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package org.strowger.example.plugin.api;

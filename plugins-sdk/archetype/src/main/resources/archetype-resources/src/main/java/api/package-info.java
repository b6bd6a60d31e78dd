/**
 * What other bundles call: the {@link ${package}.api.NumberNormalizer} service.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package ${package}.api;

/**
 * A Distributed Map's data plane as pure functions: what an ItemReader makes of an S3 object's
 * bytes or of a ListObjectsV2 page, how an ItemBatcher groups items, and what a ResultWriter writes
 * back (result files, manifest, the Map state's result). No I/O here: the S3 calls live behind the
 * infrastructure's object store port, which feeds these functions streams and listings.
 *
 * <p>Every block these functions take is already resolved: its {@code Parameters} (JSONPath) or
 * {@code Arguments} (JSONata) evaluated and its {@code *Path} fields replaced by their values by
 * the Map state, so nothing here evaluates a path or an expression.
 */
package dev.nestflow.core.items;

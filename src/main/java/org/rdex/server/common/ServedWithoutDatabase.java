package org.rdex.server.common;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A resource that still answers while the database is down (from a local copy, or from no data at all), so
 * {@link DatabaseGate} lets its requests through during an outage.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
public @interface ServedWithoutDatabase {
}

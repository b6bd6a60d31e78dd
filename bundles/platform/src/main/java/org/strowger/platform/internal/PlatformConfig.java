package org.strowger.platform.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the platform bundle, PID {@code org.strowger.platform}. */
@ObjectClassDefinition(
        id = PlatformConfig.PID,
        name = "Strowger platform",
        description = "Call executors and the shared timer.")
public @interface PlatformConfig {

    String PID = "org.strowger.platform";

    @AttributeDefinition(
            name = "Call executors",
            description = "Number of serial executors that own call state (0 = two per CPU core).")
    int callExecutors() default 0;

    @AttributeDefinition(
            name = "Call executor queue capacity",
            description = "Tasks that may wait on one call executor; past it submissions are rejected "
                    + "and the caller answers 503.")
    int callExecutorQueueCapacity() default 10_000;
}

package org.strowger.sip.dns.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** Annotation-typed configurations as SCR builds them: given values, else the annotation defaults. */
final class Configs {

    private Configs() {
    }

    static <T> T of(Class<T> type, Map<String, Object> values) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (values.containsKey(method.getName())) {
                return values.get(method.getName());
            }
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "hashCode" -> 0;
                    case "equals" -> false;
                    default -> type.getName();
                };
            }
            return method.getDefaultValue();
        }));
    }
}

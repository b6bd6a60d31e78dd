package org.strowger.sip.transport.internal;

import java.lang.reflect.Method;
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
            Object d = defaultOf(method);
            if (d == null && method.getDeclaringClass() == Object.class) {
                return method.getName().equals("hashCode") ? 0 : method.getName().equals("equals") ? false : type.getName();
            }
            return d;
        }));
    }

    private static Object defaultOf(Method m) {
        return m.getDefaultValue();
    }
}

package ${package}.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Builds a Declarative Services configuration type outside OSGi, the way SCR does: the
 * values given by method name, the annotation defaults for the rest.
 */
final class ConfigFixture {

    private ConfigFixture() {
    }

    static <A extends Annotation> A config(Class<A> type, Map<String, ?> values) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (self, method, args) -> {
            String name = method.getName();
            if (method.getDeclaringClass() == Object.class) {
                switch (name) {
                    case "equals":
                        return self == args[0];
                    case "hashCode":
                        return System.identityHashCode(self);
                    default:
                        return type.getSimpleName() + values;
                }
            }
            if (name.equals("annotationType")) {
                return type;
            }
            if (values.containsKey(name)) {
                return values.get(name);
            }
            Object fallback = method.getDefaultValue();
            if (fallback == null) {
                throw new IllegalStateException(type.getSimpleName() + "." + name + "() has no default: give a value");
            }
            return fallback;
        });
        return type.cast(proxy);
    }
}

package dev.ctagent.agent.instrumentation;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Matches class loaders that can see any of the given class files, asking each loader once (weakly
 * cached). Lets the agent skip every class of an application that has no servlet API at all without
 * parsing a single class file.
 */
public final class ClassLoaderHasResource extends ElementMatcher.Junction.AbstractBase<ClassLoader> {
    private final String[] resources;
    private final Map<ClassLoader, Boolean> seen = Collections.synchronizedMap(new WeakHashMap<>());

    public ClassLoaderHasResource(String... resources) {
        this.resources = resources.clone();
    }

    @Override
    public boolean matches(ClassLoader loader) {
        if (loader == null) {
            return false; // the bootstrap loader holds no servlet container
        }
        Boolean known = seen.get(loader);
        if (known != null) {
            return known;
        }
        boolean has = false;
        for (String r : resources) {
            if (loader.getResource(r) != null) {
                has = true;
                break;
            }
        }
        seen.put(loader, has);
        return has;
    }
}

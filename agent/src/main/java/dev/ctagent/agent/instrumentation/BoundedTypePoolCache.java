package dev.ctagent.agent.instrumentation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.pool.TypePool;

/**
 * Byte Buddy's type descriptions, cached per class loader so matching a class's supertypes parses each
 * supertype once; bounded (least recently used out) so a large application cannot grow the agent's
 * heap without limit, and weak on the loader so redeployed applications are not kept alive.
 */
public final class BoundedTypePoolCache extends AgentBuilder.PoolStrategy.WithTypePoolCache {
    private static final int ENTRIES_PER_LOADER = 2048;
    private final Map<ClassLoader, TypePool.CacheProvider> byLoader =
            Collections.synchronizedMap(new WeakHashMap<>());
    private final TypePool.CacheProvider bootstrap = new Lru();

    public BoundedTypePoolCache() {
        super(TypePool.Default.ReaderMode.FAST);
    }

    @Override
    protected TypePool.CacheProvider locate(ClassLoader loader) {
        if (loader == null) {
            return bootstrap;
        }
        return byLoader.computeIfAbsent(loader, l -> new Lru());
    }

    private static final class Lru implements TypePool.CacheProvider {
        private final Map<String, TypePool.Resolution> map = new LinkedHashMap<String, TypePool.Resolution>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, TypePool.Resolution> eldest) {
                return size() > ENTRIES_PER_LOADER;
            }
        };

        @Override
        public synchronized TypePool.Resolution find(String name) {
            return map.get(name);
        }

        @Override
        public synchronized TypePool.Resolution register(String name, TypePool.Resolution resolution) {
            TypePool.Resolution existing = map.putIfAbsent(name, resolution);
            return existing == null ? resolution : existing;
        }

        @Override
        public synchronized void clear() {
            map.clear();
        }
    }
}

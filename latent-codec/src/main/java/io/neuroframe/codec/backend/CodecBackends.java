package io.neuroframe.codec.backend;

import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * Finds {@link CodecBackend}s on the class path, as DJL finds its engines: every implementation
 * listed in {@code META-INF/services/io.neuroframe.codec.backend.CodecBackend} is a candidate, the
 * available one of highest rank is the default, and the system property {@value #PROPERTY}
 * (e.g. {@code -Dneuroframe.backend=djl}) selects one by name.
 */
public final class CodecBackends {
    /** System property naming the backend to use instead of the highest-ranked one. */
    public static final String PROPERTY = "neuroframe.backend";

    private CodecBackends() {
    }

    /**
     * The backend named by {@value #PROPERTY}, or else the available backend of highest rank.
     *
     * @throws IllegalStateException if the property names a backend that is missing or cannot run
     *     here (the message lists those that can), or no backend is available at all
     */
    public static CodecBackend get() {
        String wanted = System.getProperty(PROPERTY);
        if (wanted != null && !wanted.isBlank()) {
            return get(wanted.trim());
        }
        return available().stream().findFirst()
                .orElseThrow(() -> new IllegalStateException("no codec backend can run here; found " + describe(all())));
    }

    /**
     * The backend called {@code name}.
     *
     * @throws IllegalStateException if there is none by that name on the class path or it cannot run here
     */
    public static CodecBackend get(String name) {
        for (CodecBackend backend : all()) {
            if (backend.name().equalsIgnoreCase(name)) {
                if (!backend.isAvailable()) {
                    throw new IllegalStateException("codec backend " + name + " is on the class path but cannot run here"
                            + " (its native libraries did not load); available: " + describe(available()));
                }
                return backend;
            }
        }
        throw new IllegalStateException("no codec backend called " + name + " (property " + PROPERTY + "); on the"
                + " class path: " + describe(all()) + ". The DJL backend comes with the io.neuroframe:codec-djl jar.");
    }

    /** Every backend on the class path that can run here, highest rank first. */
    public static List<CodecBackend> available() {
        return all().stream().filter(CodecBackend::isAvailable).collect(Collectors.toList());
    }

    /** Every backend on the class path, highest rank first. */
    public static List<CodecBackend> all() {
        return ServiceLoader.load(CodecBackend.class, CodecBackends.class.getClassLoader()).stream()
                .map(ServiceLoader.Provider::get)
                .sorted(Comparator.comparingInt(CodecBackend::rank).reversed())
                .collect(Collectors.toList());
    }

    private static String describe(List<CodecBackend> backends) {
        return backends.isEmpty() ? "none"
                : backends.stream().map(b -> b.name() + " (rank " + b.rank() + ")").collect(Collectors.joining(", "));
    }
}

package io.neuroframe.jme;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one real jME application for the whole test run (starting and stopping a GL
 * window per class is slow and, on a loaded machine, the slowest part of these tests). It is
 * stopped when the run ends. Declare a {@link HeadlessJme} parameter on a {@code @BeforeAll}.
 */
final class SharedJme implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedJme.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == HeadlessJme.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .getOrComputeIfAbsent("jme", key -> new Resource(), Resource.class).jme;
    }

    /** Stops the application when JUnit closes the root store. */
    private static final class Resource implements ExtensionContext.Store.CloseableResource {
        final HeadlessJme jme;

        Resource() {
            try {
                jme = HeadlessJme.start(1280, 720);
            } catch (Exception e) {
                throw new IllegalStateException("could not start jME for the tests", e);
            }
        }

        @Override
        public void close() throws InterruptedException {
            jme.close();
        }
    }
}

package io.neuroframe.perf;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Supplies a {@link FrameTimeCheck} to tests annotated with {@link FrameTimeRegression}; registered
 * by that annotation.
 */
public final class FrameTimeExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == FrameTimeCheck.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        FrameTimeRegression settings = context.getRequiredTestMethod().getAnnotation(FrameTimeRegression.class);
        if (settings == null) {
            throw new ParameterResolutionException("a FrameTimeCheck parameter needs @FrameTimeRegression on "
                    + context.getRequiredTestMethod());
        }
        Path output = Path.of("target", "frame-time", context.getRequiredTestClass().getSimpleName(),
                context.getRequiredTestMethod().getName());
        FrameTimeConfig.Builder builder = FrameTimeConfig.builder();
        if (!settings.normaliseSpeed()) {
            builder.speed(MachineSpeed.unmeasured());
        }
        FrameTimeConfig config = builder
                .frames(settings.frames())
                .warmupFrames(settings.warmupFrames())
                .tolerance(new Tolerance(settings.p50Ratio(), settings.p95Ratio(), Tolerance.DEFAULT.p99Ratio(),
                        settings.slackMillis(), Tolerance.DEFAULT.minSamplesP95(), Tolerance.DEFAULT.minSamplesP99()))
                .baselineRuns(settings.baselineRuns())
                .outputDir(output)
                .build();
        return new FrameTimeCheck(FrameTimeHarness.with(config), Path.of(settings.baseline()));
    }
}

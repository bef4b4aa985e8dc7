package io.neuroframe.render;

import io.neuroframe.api.frame.RowOrder;
import io.neuroframe.render.budget.BudgetSettings;
import io.neuroframe.api.TimeSource;
import java.time.Duration;

/** The validated settings of one pipeline, made by {@link FramePipeline.Builder}. */
record PipelineSettings(BudgetSettings budget, Duration decodeTimeout, Duration backoffInitial,
                        Duration backoffMax, Duration sourceStallTimeout, Duration pollInterval,
                        Duration shutdownTimeout, String threadNamePrefix, RowOrder rowOrder, TimeSource time,
                        int historyFrames, int statsWindowFrames, boolean backToBack,
                        boolean freshFramesOnly) {
}

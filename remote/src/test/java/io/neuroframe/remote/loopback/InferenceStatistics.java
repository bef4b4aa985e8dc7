package io.neuroframe.remote.loopback;

import io.neuroframe.remote.protocol.InferBatchStatistics;
import io.neuroframe.remote.protocol.InferStatistics;
import io.neuroframe.remote.protocol.ModelStatistics;
import io.neuroframe.remote.protocol.StatisticDuration;
import java.util.Map;
import java.util.TreeMap;

/**
 * One served model's cumulative statistics in the form of Triton's {@code ModelStatistics}: requests
 * answered and failed with their time from arrival to answer, queueing, and the time spent
 * gathering inputs, running the model and splitting outputs. As in Triton, the request-level
 * {@code compute_*} entries count each request of a batch once with the whole batch's time, and
 * {@code batch_stats} count executions per batch size. Thread-safe.
 */
final class InferenceStatistics {

    /** A count and its total nanoseconds. */
    private static final class Tally {
        long count;
        long nanos;

        void add(long times, long ns) {
            count += times;
            nanos += ns;
        }

        StatisticDuration proto() {
            return StatisticDuration.newBuilder().setCount(count).setNs(nanos).build();
        }
    }

    /** The executions of one batch size. */
    private static final class BatchTally {
        final Tally input = new Tally();
        final Tally infer = new Tally();
        final Tally output = new Tally();
    }

    private final Tally success = new Tally();
    private final Tally fail = new Tally();
    private final Tally queue = new Tally();
    private final Tally computeInput = new Tally();
    private final Tally computeInfer = new Tally();
    private final Tally computeOutput = new Tally();
    private final Map<Integer, BatchTally> batches = new TreeMap<>();
    private long inferenceCount;
    private long executionCount;
    private long lastInferenceMillis;

    /** A request of {@code rows} rows was answered {@code nanos} after it arrived. */
    synchronized void succeeded(int rows, long nanos) {
        success.add(1, nanos);
        inferenceCount += rows;
        lastInferenceMillis = System.currentTimeMillis();
    }

    /** A request failed {@code nanos} after it arrived. */
    synchronized void failed(long nanos) {
        fail.add(1, nanos);
        lastInferenceMillis = System.currentTimeMillis();
    }

    /**
     * One execution of {@code requests} requests with {@code rows} rows in all, after the requests waited
     * {@code queuedNanos} in all.
     */
    synchronized void executed(int requests, int rows, long queuedNanos, long inputNanos, long inferNanos,
            long outputNanos) {
        executionCount++;
        queue.add(requests, queuedNanos);
        computeInput.add(requests, requests * inputNanos);
        computeInfer.add(requests, requests * inferNanos);
        computeOutput.add(requests, requests * outputNanos);
        BatchTally batch = batches.computeIfAbsent(rows, r -> new BatchTally());
        batch.input.add(1, inputNanos);
        batch.infer.add(1, inferNanos);
        batch.output.add(1, outputNanos);
    }

    /** The statistics as Triton's message. */
    synchronized ModelStatistics proto(String name, String version) {
        ModelStatistics.Builder stats = ModelStatistics.newBuilder().setName(name).setVersion(version)
                .setLastInference(lastInferenceMillis).setInferenceCount(inferenceCount).setExecutionCount(executionCount)
                .setInferenceStats(InferStatistics.newBuilder().setSuccess(success.proto()).setFail(fail.proto())
                        .setQueue(queue.proto()).setComputeInput(computeInput.proto())
                        .setComputeInfer(computeInfer.proto()).setComputeOutput(computeOutput.proto()));
        batches.forEach((rows, batch) -> stats.addBatchStats(InferBatchStatistics.newBuilder().setBatchSize(rows)
                .setComputeInput(batch.input.proto()).setComputeInfer(batch.infer.proto())
                .setComputeOutput(batch.output.proto())));
        return stats.build();
    }
}

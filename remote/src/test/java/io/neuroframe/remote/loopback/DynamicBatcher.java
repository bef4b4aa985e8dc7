package io.neuroframe.remote.loopback;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dynamic batching in the manner of Triton's: requests for one model queue up; one worker takes
 * the oldest, waits up to {@code maxDelayNanos} for more until {@code maxBatch} rows are
 * gathered, runs them as one batch and hands every request its own rows back. With
 * {@code maxBatch == 1} every request runs alone, in arrival order.
 */
final class DynamicBatcher implements AutoCloseable {

    private record Job(float[][] inputs, int rows, long submittedNanos, CompletableFuture<float[][]> result) {
    }

    private final OrtServedModel model;
    private final int maxBatch;
    private final long maxDelayNanos;
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Thread worker;
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong rowsRun = new AtomicLong();
    private final AtomicLong largestBatch = new AtomicLong();
    private final AtomicLong modelCpuNanos = new AtomicLong();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final InferenceStatistics statistics = new InferenceStatistics();
    private volatile boolean closed;
    private Job carried;

    DynamicBatcher(OrtServedModel model, int maxBatch, long maxDelayNanos) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1, got " + maxBatch);
        }
        this.model = model;
        this.maxBatch = maxBatch;
        this.maxDelayNanos = maxDelayNanos;
        this.worker = new Thread(null, this::run, "loopback-batcher-" + model.name(), 4L << 20);
        worker.setDaemon(true);
        worker.start();
    }

    /** Queues {@code rows} rows (one array per model input); completes with one array per output. */
    CompletableFuture<float[][]> submit(float[][] inputs, int rows) {
        CompletableFuture<float[][]> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new IllegalStateException(model.name() + ": batcher is closed"));
        } else {
            queue.add(new Job(inputs, rows, System.nanoTime(), result));
        }
        return result;
    }

    OrtServedModel model() {
        return model;
    }

    /** The model's cumulative statistics; the server adds each request's outcome. */
    InferenceStatistics statistics() {
        return statistics;
    }

    long batches() {
        return batches.get();
    }

    long rowsRun() {
        return rowsRun.get();
    }

    /** CPU time this batcher's thread spent in the model (ONNX Runtime runs single-threaded graphs on it). */
    long modelCpuNanos() {
        return modelCpuNanos.get();
    }

    long largestBatch() {
        return largestBatch.get();
    }

    private void run() {
        List<Job> jobs = new ArrayList<>();
        while (!closed) {
            jobs.clear();
            try {
                Job first = carried != null ? carried : queue.poll(100, TimeUnit.MILLISECONDS);
                carried = null;
                if (first == null) {
                    continue;
                }
                jobs.add(first);
                int rows = first.rows();
                long deadline = System.nanoTime() + maxDelayNanos;
                while (rows < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Job next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    if (rows + next.rows() > maxBatch) {
                        carried = next;
                        break;
                    }
                    jobs.add(next);
                    rows += next.rows();
                }
                runBatch(jobs, rows);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (Job job : jobs) {
            job.result().completeExceptionally(new IllegalStateException(model.name() + ": server closed"));
        }
    }

    private void runBatch(List<Job> jobs, int rows) {
        long start = System.nanoTime();
        long queued = 0;
        for (Job job : jobs) {
            queued += start - job.submittedNanos();
        }
        List<OrtServedModel.Spec> inputs = model.inputs();
        float[][] values = new float[inputs.size()][];
        for (int i = 0; i < inputs.size(); i++) {
            int per = inputs.get(i).valuesPerRow();
            values[i] = new float[rows * per];
            int at = 0;
            for (Job job : jobs) {
                System.arraycopy(job.inputs()[i], 0, values[i], at, job.rows() * per);
                at += job.rows() * per;
            }
        }
        float[][] outputs;
        long gathered = System.nanoTime();
        long cpuBefore = threads.getCurrentThreadCpuTime();
        try {
            outputs = model.run(values, rows);
            modelCpuNanos.addAndGet(threads.getCurrentThreadCpuTime() - cpuBefore);
        } catch (Exception e) {
            for (Job job : jobs) {
                job.result().completeExceptionally(e);
            }
            return;
        }
        long ran = System.nanoTime();
        batches.incrementAndGet();
        rowsRun.addAndGet(rows);
        largestBatch.accumulateAndGet(rows, Math::max);
        float[][][] split = new float[jobs.size()][outputs.length][];
        int row = 0;
        for (int j = 0; j < jobs.size(); j++) {
            Job job = jobs.get(j);
            for (int o = 0; o < outputs.length; o++) {
                int per = model.outputs().get(o).valuesPerRow();
                split[j][o] = new float[job.rows() * per];
                System.arraycopy(outputs[o], row * per, split[j][o], 0, job.rows() * per);
            }
            row += job.rows();
        }
        statistics.executed(jobs.size(), rows, queued, gathered - start, ran - gathered, System.nanoTime() - ran);
        for (int j = 0; j < jobs.size(); j++) {
            jobs.get(j).result().complete(split[j]);
        }
    }

    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        try {
            worker.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Job job;
        while ((job = queue.poll()) != null) {
            job.result().completeExceptionally(new IllegalStateException(model.name() + ": server closed"));
        }
        model.close();
    }
}

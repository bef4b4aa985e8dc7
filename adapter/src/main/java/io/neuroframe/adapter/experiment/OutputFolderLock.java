package io.neuroframe.adapter.experiment;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds an experiment's output folder for one process: two processes writing one folder would both run the same
 * units and append each to the results twice. The lock is the operating system's lock on {@code .lock} in the
 * folder, so it is released when the process ends, however it ends.
 */
final class OutputFolderLock implements AutoCloseable {
    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private OutputFolderLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes {@code folder} (created if needed) for this process.
     *
     * @throws IllegalArgumentException if another process, or another experiment in this one, holds it
     */
    static OutputFolderLock acquire(Path folder) throws IOException {
        Files.createDirectories(folder);
        FileChannel channel = FileChannel.open(folder.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new IllegalArgumentException(folder + ": another experiment process is writing to this folder; give "
                    + "each process its own --out and bring their work together with --merge-from");
        }
        return new OutputFolderLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}

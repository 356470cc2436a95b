package dev.fleetsynth.engine.tvae;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The training's second thread: it takes one task at a time from the training thread. A step hands
 * it work twice within a few milliseconds (a shard, then half of the update), and waking a parked
 * thread took about 0.2 ms each time, so between tasks it spins for a short while before parking.
 * It is only started when two cores are there for the two threads.
 */
final class Partner implements AutoCloseable {
    private static final long SPIN_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private final Thread thread;
    private final AtomicReference<Runnable> next = new AtomicReference<>();
    private volatile boolean busy;
    private volatile boolean closed;
    private volatile RuntimeException failure;

    Partner() {
        thread = new Thread(this::loop, "tvae-shard");
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands over a task; the previous one must have been awaited. */
    void submit(Runnable task) {
        busy = true;
        next.set(task);
        LockSupport.unpark(thread);
    }

    /** Waits until the task handed over last has run, and rethrows what it threw. */
    void await() {
        while (busy) {
            Thread.onSpinWait();
        }
        RuntimeException f = failure;
        if (f != null) {
            failure = null;
            throw f;
        }
    }

    private void loop() {
        Torch.prepareThread();
        long idleSince = System.nanoTime();
        while (!closed) {
            Runnable task = next.getAndSet(null);
            if (task == null) {
                if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
                continue;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                failure = e;
            } catch (Error e) {
                failure = new IllegalStateException(e);
            } finally {
                busy = false;
                idleSince = System.nanoTime();
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

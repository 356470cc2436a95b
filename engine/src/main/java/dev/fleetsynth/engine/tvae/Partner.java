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
    /** How long the partner spins for its next task, and the training thread for its result. */
    private static final long IDLE_SPIN_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private static final long AWAIT_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private record Task(Runnable work, Runnable afterwards) {}

    private final Thread thread;
    private final AtomicReference<Task> next = new AtomicReference<>();
    private volatile boolean busy;
    private volatile boolean closed;
    private volatile RuntimeException failure;
    private volatile Thread waiter;

    Partner() {
        thread = new Thread(this::loop, "tvae-shard");
        thread.setDaemon(true);
        thread.start();
    }

    /** Hands over a task; the previous one must have been awaited. */
    void submit(Runnable work) {
        submit(work, null);
    }

    /**
     * Hands over a task, and work to do once {@link #await()} has let the training thread go on:
     * what the partner can prepare for the next step while the training thread ends this one. A
     * failure of that work is reported by the next {@code await}.
     */
    void submit(Runnable work, Runnable afterwards) {
        busy = true;
        next.set(new Task(work, afterwards));
        LockSupport.unpark(thread);
    }

    /**
     * Waits until the task handed over last has run, and rethrows what it threw. Spins only briefly:
     * on a busy machine a spinning waiter would take the core the partner needs.
     */
    void await() {
        long start = System.nanoTime();
        while (busy && System.nanoTime() - start < AWAIT_SPIN_NANOS) {
            Thread.onSpinWait();
        }
        if (busy) {
            waiter = Thread.currentThread();
            while (busy) {
                LockSupport.park(this);
            }
            waiter = null;
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
        // a failure of the work after a task, held back until the next task is done
        RuntimeException deferred = null;
        while (!closed) {
            Task task = next.getAndSet(null);
            if (task == null) {
                if (System.nanoTime() - idleSince < IDLE_SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.park(this);
                }
                continue;
            }
            RuntimeException f = run(task.work());
            failure = f != null ? f : deferred;
            deferred = null;
            busy = false;
            Thread w = waiter;
            if (w != null) {
                LockSupport.unpark(w);
            }
            if (task.afterwards() != null) {
                deferred = run(task.afterwards());
            }
            idleSince = System.nanoTime();
        }
    }

    private static RuntimeException run(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        } catch (Error e) {
            return new IllegalStateException(e);
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

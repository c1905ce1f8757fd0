package org.torc.client.tui;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * How background threads (refresher, actions, event stream, processes) hand results to the UI
 * thread, which alone touches the state and the screen: they post a change, the UI thread applies
 * it on its next turn and is woken at once.
 */
public final class Inbox {
    private final ConcurrentLinkedQueue<Consumer<TuiState>> queue = new ConcurrentLinkedQueue<>();
    private volatile Thread uiThread;

    void bindTo(Thread ui) {
        uiThread = ui;
    }

    public void post(Consumer<TuiState> change) {
        queue.add(change);
        Thread t = uiThread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** Applies everything posted so far; returns whether anything was. */
    boolean drain(TuiState state) {
        boolean any = false;
        Consumer<TuiState> c;
        while ((c = queue.poll()) != null) {
            c.accept(state);
            any = true;
        }
        return any;
    }
}

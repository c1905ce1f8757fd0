package org.torc.client;

/** Entry point of the {@code torc} command line. */
public final class TorcMain {
    private TorcMain() {
    }

    public static void main(String[] args) {
        System.exit(0);
    }
}

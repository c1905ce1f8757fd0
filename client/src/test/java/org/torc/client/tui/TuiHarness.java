package org.torc.client.tui;

import com.googlecode.lanterna.TerminalSize;
import com.googlecode.lanterna.TextCharacter;
import com.googlecode.lanterna.input.KeyStroke;
import com.googlecode.lanterna.input.KeyType;
import com.googlecode.lanterna.screen.TerminalScreen;
import com.googlecode.lanterna.terminal.virtual.DefaultVirtualTerminal;
import com.googlecode.lanterna.terminal.virtual.VirtualTerminalListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.torc.client.api.TorcApi;
import org.torc.server.ServerConfig;
import org.torc.server.TorcServer;

/**
 * A real server (in this process, free port, temporary database) and the TUI on Lanterna's
 * virtual terminal, driven by key strokes and read back as text.
 */
final class TuiHarness implements AutoCloseable {
    final TorcServer server;
    final TorcApi api;
    final DefaultVirtualTerminal terminal;
    final TuiApp app;
    final Path outputDir;
    private final Thread ui;
    private boolean ownsServer;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    final AtomicLong flushes = new AtomicLong();
    volatile long lastFlushNanos;

    private TuiHarness(TorcServer server, TorcApi api, DefaultVirtualTerminal terminal, TuiApp app,
            Path outputDir) {
        this.server = server;
        this.api = api;
        this.terminal = terminal;
        this.app = app;
        this.outputDir = outputDir;
        this.ui = new Thread(() -> {
            try {
                app.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "tui-under-test");
    }

    static TorcServer server(Path dir) {
        return TorcServer.start(ServerConfig.defaults(dir.resolve("torc.db")).withPort(0)
                .withHost("127.0.0.1"));
    }

    /** Starts the TUI against {@code server}; {@code api} may be a counting one. */
    static TuiHarness start(TorcServer server, TorcApi api, Path outputDir, int cols, int rows)
            throws Exception {
        return start(server, api, outputDir, cols, rows, null);
    }

    static TuiHarness start(TorcServer server, TorcApi api, Path outputDir, int cols, int rows,
            SpecCreator specCreator) throws Exception {
        DefaultVirtualTerminal vt = new DefaultVirtualTerminal(new TerminalSize(cols, rows));
        TuiApp app = new TuiApp(new TerminalScreen(vt), api, null, "tester",
                new TuiApp.Options(outputDir, false, 0, null, specCreator),
                new OutputBuffer(1000));
        TuiHarness h = new TuiHarness(server, api, vt, app, outputDir);
        vt.addVirtualTerminalListener(new VirtualTerminalListener() {
            @Override
            public void onFlush() {
                h.lastFlushNanos = System.nanoTime();
                h.flushes.incrementAndGet();
            }

            @Override
            public void onBell() {
            }

            @Override
            public void onClose() {
            }

            @Override
            public void onResized(com.googlecode.lanterna.terminal.Terminal t, TerminalSize s) {
            }
        });
        h.ui.start();
        return h;
    }

    /** A TUI of 120x40 against a shared server. */
    static TuiHarness start(TorcServer server, Path outputDir) throws Exception {
        return start(server, new TorcApi(server.baseUrl(), "tester", null), outputDir, 120, 40);
    }

    /** A server of its own (stopped on close) and a TUI of 120x40. */
    static TuiHarness start(Path dir) throws Exception {
        TuiHarness h = start(server(dir), dir.resolve("output"));
        h.ownsServer = true;
        return h;
    }

    /** Selects the newest workflow (the last row), once the list shows it. */
    void selectNewest(String name) throws InterruptedException {
        Pattern selected = Pattern.compile("│▸ \\d+\\*?\\s+" + Pattern.quote(name) + " ");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!selected.matcher(screen()).find()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Workflow " + name + " never listed; screen:\n" + screen());
            }
            key(KeyType.End);
            Thread.sleep(50);
        }
    }

    /** Selects the newest workflow and loads it; waits for its first job rows. */
    void loadNewest(String name) throws InterruptedException {
        selectNewest(name);
        key(KeyType.Enter);
        await("the loaded workflow " + name, s -> s.contains("- " + name + " (workflow"),
                Duration.ofSeconds(10));
        await("the first job rows", s -> s.contains("│▸ ") && s.contains("  Status  "),
                Duration.ofSeconds(10));
        await("rows loaded", s -> !s.contains("loading"), Duration.ofSeconds(10));
    }

    /** The visible screen as text, one line per row, trailing blanks removed. */
    String screen() {
        TerminalSize size = terminal.getTerminalSize();
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < size.getRows(); r++) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < size.getColumns(); c++) {
                TextCharacter ch = terminal.getCharacter(c, r);
                line.append(ch == null ? " " : ch.getCharacterString());
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    void key(KeyType type) {
        terminal.addInput(new KeyStroke(type));
    }

    void type(String chars) {
        for (char c : chars.toCharArray()) {
            terminal.addInput(new KeyStroke(c, false, false));
        }
    }

    /**
     * Waits until the screen satisfies {@code condition} and has settled (two reads 20 ms apart
     * agree, so a redraw still being written is never taken); fails with the screen otherwise.
     */
    String await(String what, Predicate<String> condition, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String s = screen();
        while (!condition.test(s) || !s.equals(settled(s))) {
            if (failure.get() != null) {
                throw new AssertionError("The TUI failed", failure.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what + "; screen:\n" + s);
            }
            Thread.sleep(5);
            s = screen();
        }
        return s;
    }

    private String settled(String s) throws InterruptedException {
        Thread.sleep(20);
        return screen();
    }

    String await(String text) throws InterruptedException {
        return await("'" + text + "'", s -> s.contains(text), Duration.ofSeconds(10));
    }

    boolean uiAlive() {
        return ui.isAlive();
    }

    void join(Duration timeout) throws InterruptedException {
        ui.join(timeout.toMillis());
        if (failure.get() != null) {
            throw new AssertionError("The TUI failed", failure.get());
        }
    }

    @Override
    public void close() throws Exception {
        for (int i = 0; i < 20 && ui.isAlive(); i++) {
            key(KeyType.Escape);
            type("q");
            ui.join(250);
        }
        if (ownsServer) {
            server.close();
        }
    }
}

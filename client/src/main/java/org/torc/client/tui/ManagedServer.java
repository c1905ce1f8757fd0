package org.torc.client.tui;

import java.nio.file.Files;
import java.nio.file.Path;
import org.torc.server.ServerConfig;
import org.torc.server.TorcServer;

/**
 * A torc server the TUI started ({@code S}, or {@code --standalone}), in this process:
 * {@code TorcServer.start(ServerConfig.defaults(db).withPort(p))}. Its log lines are the server
 * output that {@code O} shows; {@code K} or quitting stops it.
 */
public final class ManagedServer implements AutoCloseable {
    private final TorcServer server;
    private final Path database;
    private volatile boolean running = true;

    private ManagedServer(TorcServer server, Path database) {
        this.server = server;
        this.database = database;
    }

    public static ManagedServer start(Path database, int port) throws Exception {
        Path parent = database.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return new ManagedServer(TorcServer.start(ServerConfig.defaults(database).withPort(port)),
                database);
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public int port() {
        return server.port();
    }

    public Path database() {
        return database;
    }

    public boolean running() {
        return running;
    }

    @Override
    public void close() {
        if (running) {
            running = false;
            server.close();
        }
    }
}

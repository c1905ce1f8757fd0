package org.torc.server.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.torc.server.ServerConfig;
import org.torc.server.TorcServer;

/** A real server on a free port over a temporary SQLite file, for API tests. */
public final class TestServer implements AutoCloseable {
    private final Path dir;
    private final Path dbFile;
    private TorcServer server;
    private final ApiClient api;
    private final ServerConfig config;

    private TestServer(Path dir, ServerConfig config) {
        this.dir = dir;
        this.dbFile = config.database();
        this.config = config;
        this.server = TorcServer.start(config);
        this.api = new ApiClient(server.baseUrl());
    }

    public static TestServer start() {
        return start(c -> c);
    }

    public static TestServer start(java.util.function.UnaryOperator<ServerConfig> customize) {
        try {
            Path dir = Files.createTempDirectory("torc-test");
            ServerConfig config = customize.apply(ServerConfig.defaults(dir.resolve("torc.db"))
                    .withPort(0).withHost("127.0.0.1"));
            return new TestServer(dir, config);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public ApiClient api() {
        return api;
    }

    public TorcServer server() {
        return server;
    }

    public Path databaseFile() {
        return dbFile;
    }

    /** Stops the server and starts a new one on the same database file. */
    public TestServer restart() {
        server.close();
        server = TorcServer.start(config);
        api.setBaseUrl(server.baseUrl());
        return this;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}

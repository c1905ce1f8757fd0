package org.torc.client.cli.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import org.torc.client.api.ServerUnreachable;
import org.torc.client.cli.CliContext;
import org.torc.client.cli.CliError;
import org.torc.client.cli.ClientSettings;
import org.torc.client.cli.ExitCode;
import org.torc.common.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code torc events monitor [WF]}: follows the server-sent event stream
 * ({@code GET /workflows/{id}/events/stream?level=}) and prints each event until Ctrl-C, the end of
 * {@code --duration} or the server closing the stream.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = "Print a workflow's events as they happen (server-sent events).")
final class EventMonitor extends ContextCommand {
    @Parameters(index = "0", arity = "0..1", paramLabel = "WORKFLOW_ID", description = "Workflow ID")
    Long workflowId;

    @Option(names = {"-d", "--duration"}, paramLabel = "MINUTES",
            description = "Stop after this many minutes (fractions allowed; default: until Ctrl-C)")
    Double duration;

    @Option(names = "--level", defaultValue = "info", paramLabel = "LEVEL",
            description = "Lowest level to show: debug, info, warning or error (default: info)")
    String level;

    /** Set when monitoring ends, so a reader still inside a frame prints nothing more. */
    private volatile boolean stopped;

    @Option(names = "--filename", paramLabel = "FILE", description = "Also append events to FILE")
    Path filename;

    @Override
    protected ExitCode execute(CliContext ctx) throws IOException {
        String lvl = level.trim().toLowerCase(Locale.ROOT);
        if (!lvl.matches("debug|info|warning|warn|error")) {
            throw new CliError("Invalid level '" + level + "'; expected debug, info, warning or error");
        }
        long wf = WorkflowSelection.resolve(ctx, workflowId);
        ctx.note("Monitoring events for workflow " + wf + " via SSE (real-time streaming, duration: "
                + (duration == null ? "infinite" : duration + " minutes") + ")");
        ctx.note("Filtering by level: " + lvl);
        if (filename != null) {
            ctx.note("Logging events to file: " + filename);
        }
        ctx.note("Press Ctrl+C to stop monitoring\n");
        Writer log = null;
        if (filename != null) {
            try {
                log = Files.newBufferedWriter(filename, StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new CliError("Failed to open log file '" + filename + "': " + e.getMessage());
            }
        }
        InputStream stream = connect(ctx, wf, lvl);
        ctx.note("Connected to SSE stream. Waiting for events...\n");
        Writer file = log;
        boolean[] endOfStream = new boolean[1];
        Thread reader = new Thread(() -> {
            try {
                endOfStream[0] = follow(ctx, stream, file);
            } catch (IOException e) {
                ctx.note("\nError reading SSE stream: " + e.getMessage());
            }
        }, "events-monitor");
        reader.setDaemon(true);
        reader.start();
        try {
            if (duration == null) {
                reader.join();
            } else {
                reader.join(Math.max(1, Math.round(duration * 60_000)));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped = true;
            closeQuietly(stream);
            reader.interrupt();
            if (log != null) {
                synchronized (this) {
                    log.close();
                }
            }
        }
        if (reader.isAlive() || !endOfStream[0]) {
            ctx.out().println();
            ctx.out().println("Monitoring duration completed.");
            ctx.out().flush();
        } else {
            ctx.note("\nSSE connection closed by server.");
        }
        return ExitCode.OK;
    }

    private static InputStream connect(CliContext ctx, long wf, String lvl) {
        ClientSettings s = ctx.settings();
        String base = s.url().endsWith("/") ? s.url().substring(0, s.url().length() - 1) : s.url();
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + "/workflows/" + wf
                        + "/events/stream?level=" + URLEncoder.encode(lvl, StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream").GET();
        if (s.password() != null) {
            req.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (ctx.user() + ":" + s.password()).getBytes(StandardCharsets.UTF_8)));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new ServerUnreachable(base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachable(base, e);
        }
        if (resp.statusCode() != 200) {
            closeQuietly(resp.body());
            throw new CliError("Failed to connect to SSE endpoint: Server returned error status: "
                    + resp.statusCode());
        }
        return resp.body();
    }

    /** Reads frames until the stream ends (true) or is closed under us (false). */
    private boolean follow(CliContext ctx, InputStream stream, Writer log) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream,
                StandardCharsets.UTF_8));
        String eventType = "";
        StringBuilder data = new StringBuilder();
        try {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        show(ctx, eventType, data.toString(), log);
                    }
                    eventType = "";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    eventType = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    if (data.length() > 0) {
                        data.append('\n');
                    }
                    data.append(line.substring(5).stripLeading());
                }
            }
            return true;
        } catch (IOException closed) {
            return false;
        }
    }

    private synchronized void show(CliContext ctx, String eventType, String data, Writer log)
            throws IOException {
        if (stopped) {
            return;
        }
        JsonNode frame;
        try {
            frame = Json.mapper().readTree(data);
        } catch (IOException e) {
            frame = Json.mapper().createObjectNode().put("raw", data);
        }
        ObjectNode event = Json.mapper().createObjectNode();
        boolean shaped = frame.has("workflow_id") && frame.has("timestamp");
        long timestamp = shaped ? frame.path("timestamp").asLong() : System.currentTimeMillis();
        String type = !eventType.isEmpty() ? eventType : frame.path("event_type").asText("message");
        String severity = shaped ? frame.path("severity").asText("info")
                : "warning".equals(type) ? "warning" : "info";
        JsonNode payload = shaped ? frame.path("data") : frame;
        event.put("workflow_id", shaped ? frame.path("workflow_id").asLong() : 0);
        event.put("timestamp", timestamp);
        event.put("timestamp_formatted", EventsCommand.formatTimestamp(timestamp));
        event.put("event_type", type);
        event.put("severity", severity);
        event.set("data", payload);
        String logLine;
        if (ctx.json()) {
            ctx.output().printJson(event);
            logLine = Json.write(event);
        } else {
            logLine = "[" + EventsCommand.formatTimestamp(timestamp) + "] [" + severity + "] " + type
                    + ": " + Json.write(payload);
            ctx.out().println(logLine);
            ctx.out().flush();
        }
        if (log != null) {
            log.write(logLine + "\n");
            log.flush();
        }
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the stream is being abandoned either way
        }
    }
}

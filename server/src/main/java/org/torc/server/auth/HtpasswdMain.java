package org.torc.server.auth;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code torc-htpasswd}: creates and checks the htpasswd files of {@code torc-server --auth-file},
 * with torc's commands ({@code add}, {@code hash}, {@code remove}, {@code list}, {@code verify})
 * and options. Files are rewritten atomically with mode 600; comments and the order of the other
 * entries are kept. Exit codes: 0 success, 1 failure (a wrong password for {@code verify}),
 * 2 usage error.
 */
@Command(name = "torc-htpasswd", mixinStandardHelpOptions = true,
        version = "torc-htpasswd " + org.torc.server.service.ServiceRoutes.VERSION,
        description = "Manage htpasswd files for torc-server authentication.",
        subcommands = {HtpasswdMain.Add.class, HtpasswdMain.Hash.class, HtpasswdMain.Remove.class,
                HtpasswdMain.ListUsers.class, HtpasswdMain.Verify.class})
public final class HtpasswdMain implements Callable<Integer> {
    static final int DEFAULT_COST = 12;
    private static final List<String> HEADER = List.of("# torc htpasswd file",
            "# Format: username:bcrypt_hash");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new HtpasswdMain());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println("Error: " + (e.getMessage() == null
                    ? e.getClass().getSimpleName() : e.getMessage()));
            cmd.getErr().flush();
            return 1;
        });
        return cli;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** Thrown for failures the user must fix; printed as one line, exit code 1. */
    static final class Failure extends RuntimeException {
        Failure(String message) {
            super(message, null, false, false);
        }
    }

    abstract static class Base implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        PrintWriter err() {
            return spec.commandLine().getErr();
        }

        /** {@code given}, else asked for without echo (or read as one line when not a terminal). */
        String password(String given, String user) {
            if (given != null) {
                return given;
            }
            Console console = System.console();
            if (console != null) {
                char[] typed = console.readPassword("Password for '%s': ", user);
                if (typed == null) {
                    throw new Failure("no password entered");
                }
                return new String(typed);
            }
            err().print("Password for '" + user + "': ");
            err().flush();
            try {
                String line = new BufferedReader(new InputStreamReader(System.in,
                        StandardCharsets.UTF_8)).readLine();
                if (line == null) {
                    throw new Failure("no password entered");
                }
                return line;
            } catch (IOException e) {
                throw new Failure("cannot read the password: " + e.getMessage());
            }
        }

        static String hash(String password, int cost) {
            try {
                return Htpasswd.hash(password, cost);
            } catch (IllegalArgumentException e) {
                throw new Failure(e.getMessage());
            }
        }

        static void checkUserName(String user) {
            if (user.isBlank() || user.contains(":") || !user.equals(user.strip())
                    || user.chars().anyMatch(Character::isISOControl)) {
                throw new Failure("user name '" + user + "' is not allowed: it must be non-empty, "
                        + "without ':', control characters or surrounding spaces");
            }
        }

        static List<String> readLines(Path file) {
            try {
                return Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new Failure("cannot read " + file + ": " + e.getMessage());
            }
        }

        static void requireExists(Path file) {
            if (!Files.isRegularFile(file)) {
                throw new Failure("file " + file + " does not exist");
            }
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user to the file, or change their password; creates the file.")
    static final class Add extends Base {
        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
                description = "htpasswd file (created if missing)")
        Path file;

        @Parameters(index = "0", paramLabel = "USERNAME", description = "User to add or update")
        String user;

        @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
                description = "Password (prompted for if not given)")
        String password;

        @Option(names = {"-c", "--cost"}, defaultValue = "" + DEFAULT_COST, paramLabel = "COST",
                description = "bcrypt cost, 4-31; each step doubles the work. "
                        + "Default: ${DEFAULT-VALUE}")
        int cost;

        @Override
        public Integer call() {
            checkUserName(user);
            checkCost(cost);
            List<String> lines = Files.exists(file) ? readLines(file) : new ArrayList<>(HEADER);
            String pw = password(password, user);
            out().println("Hashing password (cost=" + cost + ")...");
            out().flush();
            String entry = user + ":" + hash(pw, cost);
            boolean updated = replaceEntry(lines, user, entry);
            if (!updated) {
                lines.add(entry);
            }
            writeAtomically(file, lines);
            out().println((updated ? "Updated user '" : "Added user '") + user + "' "
                    + (updated ? "in " : "to ") + file);
            return 0;
        }
    }

    @Command(name = "hash", mixinStandardHelpOptions = true,
            description = "Print an htpasswd line for a user, to send to the server's administrator.")
    static final class Hash extends Base {
        @Parameters(index = "0", arity = "0..1", paramLabel = "USERNAME",
                description = "User name. Default: $USER or $USERNAME")
        String user;

        @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
                description = "Password (prompted for if not given)")
        String password;

        @Option(names = {"-c", "--cost"}, defaultValue = "" + DEFAULT_COST, paramLabel = "COST",
                description = "bcrypt cost, 4-31. Default: ${DEFAULT-VALUE}")
        int cost;

        @Override
        public Integer call() {
            String name = user != null ? user : firstNonBlank(System.getenv("USER"),
                    System.getenv("USERNAME"));
            if (name == null) {
                throw new Failure("no user name given and neither $USER nor $USERNAME is set");
            }
            checkUserName(name);
            checkCost(cost);
            String pw = password(password, name);
            err().println("Hashing password (cost=" + cost + ")...");
            err().flush();
            out().println(name + ":" + hash(pw, cost));
            out().flush();
            err().println("Send the line above to your server administrator.");
            return 0;
        }

        private static String firstNonBlank(String a, String b) {
            if (a != null && !a.isBlank()) {
                return a;
            }
            return b != null && !b.isBlank() ? b : null;
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove a user from the file.")
    static final class Remove extends Base {
        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
                description = "htpasswd file")
        Path file;

        @Parameters(index = "0", paramLabel = "USERNAME", description = "User to remove")
        String user;

        @Override
        public Integer call() {
            requireExists(file);
            List<String> lines = readLines(file);
            if (!replaceEntry(lines, user, null)) {
                throw new Failure("user '" + user + "' not found in " + file);
            }
            writeAtomically(file, lines);
            out().println("Removed user '" + user + "' from " + file);
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the users in the file.")
    static final class ListUsers extends Base {
        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
                description = "htpasswd file")
        Path file;

        @Override
        public Integer call() {
            requireExists(file);
            List<String> users = new ArrayList<>();
            for (String line : readLines(file)) {
                String name = userOf(line);
                if (name != null) {
                    users.add(name);
                }
            }
            if (users.isEmpty()) {
                out().println("No users found in " + file);
            } else {
                out().println("Users in " + file + ":");
                users.forEach(u -> out().println("  - " + u));
            }
            return 0;
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check a user's password; exit code 0 if it is correct, 1 if not.")
    static final class Verify extends Base {
        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
                description = "htpasswd file")
        Path file;

        @Parameters(index = "0", paramLabel = "USERNAME", description = "User to check")
        String user;

        @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD",
                description = "Password (prompted for if not given)")
        String password;

        @Override
        public Integer call() {
            requireExists(file);
            Htpasswd users;
            try {
                users = Htpasswd.load(file);
            } catch (IllegalArgumentException e) {
                throw new Failure(e.getMessage());
            }
            String pw = password(password, user);
            if (users.verify(user, pw)) {
                out().println("Password is correct for user '" + user + "'");
                return 0;
            }
            out().println("Password is incorrect for user '" + user + "'");
            return 1;
        }
    }

    static void checkCost(int cost) {
        if (cost < Htpasswd.MIN_COST || cost > Htpasswd.MAX_COST) {
            throw new Failure("cost must be between " + Htpasswd.MIN_COST + " and "
                    + Htpasswd.MAX_COST);
        }
    }

    /** The user of an entry line; null for comments, blank and unparsable lines. */
    static String userOf(String line) {
        String s = line.strip();
        if (s.isEmpty() || s.startsWith("#")) {
            return null;
        }
        int colon = s.indexOf(':');
        return colon <= 0 ? null : s.substring(0, colon).strip();
    }

    /**
     * Puts {@code entry} in place of {@code user}'s first line and drops any further lines of
     * that user; a null entry removes them all.
     *
     * @return whether the user had a line
     */
    static boolean replaceEntry(List<String> lines, String user, String entry) {
        boolean found = false;
        for (int i = 0; i < lines.size(); i++) {
            if (!user.equals(userOf(lines.get(i)))) {
                continue;
            }
            if (!found && entry != null) {
                lines.set(i, entry);
            } else {
                lines.remove(i--);
            }
            found = true;
        }
        return found;
    }

    /** Writes a temporary file of mode 600 next to {@code file} and renames it over it. */
    static void writeAtomically(Path file, List<String> lines) {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                tmp = Files.createTempFile(dir, ".htpasswd", ".tmp",
                        PosixFilePermissions.asFileAttribute(
                                PosixFilePermissions.fromString("rw-------")));
            } else {
                tmp = Files.createTempFile(dir, ".htpasswd", ".tmp");
            }
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed; that is the error to report
                }
            }
            throw new Failure("cannot write " + file + ": " + e.getMessage());
        }
    }
}

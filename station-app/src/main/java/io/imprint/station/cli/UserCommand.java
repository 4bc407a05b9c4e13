package io.imprint.station.cli;

import io.imprint.station.account.AccountSummary;
import io.imprint.station.account.Accounts;
import io.imprint.station.account.Operator;
import io.imprint.station.account.Role;
import io.imprint.station.run.StationSetup;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code imprint user add|list|unlock|disable|passwd}: the station's accounts from the command line.
 * Whoever can run this on the station's files acts as an admin; {@code --as} only names them in the
 * audit trail.
 *
 * <p>Not thread-safe: picocli makes one instance per command line.
 */
@Command(name = "user", mixinStandardHelpOptions = true, description = "Add, list, unlock and disable station accounts, set passwords.",
        subcommands = {UserCommand.Add.class, UserCommand.ListUsers.class, UserCommand.Unlock.class, UserCommand.Disable.class,
                UserCommand.Passwd.class})
final class UserCommand {

    /** Who is acting, for the audit trail. */
    static final class Actor {
        @Option(names = "--as", paramLabel = "USER", description = "Who is acting, for the audit trail (default: os: and the OS user name)")
        String as;

        String name() {
            return as != null ? as : "os:" + System.getProperty("user.name");
        }
    }

    /** One change to one account. */
    @FunctionalInterface
    interface Change {
        void apply(Accounts accounts, String username, String actor) throws Exception;
    }

    static int change(StationAccess station, Actor actor, CommandSpec spec, String username, Change change, String done) throws Exception {
        try (StationSetup st = station.open(spec.commandLine().getErr())) {
            change.apply(st.accounts(), username, actor.name());
            spec.commandLine().getOut().println(done);
        }
        return 0;
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create an account. Without --password-file, asks for the password twice.")
    static final class Add implements Callable<Integer> {
        @Mixin StationAccess station;
        @Mixin Actor actor;
        @Spec CommandSpec spec;
        @Option(names = "--name", required = true, description = "User name: 1-64 letters, digits, . - _") String name;
        @Option(names = "--display", required = true, description = "Name shown on screen") String display;
        @Option(names = "--role", required = true, description = "operator, supervisor or admin") String role;
        @Option(names = "--badge", description = "Badge id, as the badge scanner types it") String badge;
        @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE") Path passwordFile;

        @Override
        public Integer call() throws Exception {
            Role r = Role.parse(role);
            char[] password = PasswordInput.read(spec.commandLine(), passwordFile, name);
            try (StationSetup st = station.open(spec.commandLine().getErr())) {
                Operator o = st.accounts().create(name, display, r, password, Optional.ofNullable(badge), actor.name());
                spec.commandLine().getOut().println("created " + o.role().label() + " " + o.username() + " (" + o.displayName() + ")");
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List accounts with their role and state.")
    static final class ListUsers implements Callable<Integer> {
        @Mixin StationAccess station;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            DateTimeFormatter time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
            try (StationSetup st = station.open(spec.commandLine().getErr())) {
                out.printf("%-20s %-10s %-22s %-5s  %s%n", "USER", "ROLE", "STATE", "BADGE", "DISPLAY NAME");
                for (AccountSummary a : st.accounts().summaries()) {
                    String state = a.disabled() ? "disabled" : a.lockedUntil().map(t -> "locked until " + time.format(t))
                            .orElse(a.failedLogins() > 0 ? "active, " + a.failedLogins() + " failed" : "active");
                    out.printf("%-20s %-10s %-22s %-5s  %s%n", a.operator().username(), a.operator().role().label(), state,
                            a.hasBadge() ? "yes" : "no", a.operator().displayName());
                }
            }
            return 0;
        }
    }

    @Command(name = "unlock", mixinStandardHelpOptions = true, description = "Lift a lockout after too many wrong passwords.")
    static final class Unlock implements Callable<Integer> {
        @Mixin StationAccess station;
        @Mixin Actor actor;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "USER") String name;

        @Override
        public Integer call() throws Exception {
            return change(station, actor, spec, name, Accounts::unlock, name + " is unlocked");
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Disable an account for good; it stays in the audit trail.")
    static final class Disable implements Callable<Integer> {
        @Mixin StationAccess station;
        @Mixin Actor actor;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "USER") String name;

        @Override
        public Integer call() throws Exception {
            return change(station, actor, spec, name, Accounts::disable, name + " is disabled");
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true, description = "Set a new password (also lifts a lockout).")
    static final class Passwd implements Callable<Integer> {
        @Mixin StationAccess station;
        @Mixin Actor actor;
        @Spec CommandSpec spec;
        @Parameters(paramLabel = "USER") String name;
        @Option(names = "--password-file", paramLabel = "FILE", description = "Read the password from the first line of FILE") Path passwordFile;

        @Override
        public Integer call() throws Exception {
            char[] password = PasswordInput.read(spec.commandLine(), passwordFile, name);
            try {
                return change(station, actor, spec, name, (accounts, user, by) -> accounts.changePassword(user, password, by),
                        "the password of " + name + " is changed");
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
        }
    }
}

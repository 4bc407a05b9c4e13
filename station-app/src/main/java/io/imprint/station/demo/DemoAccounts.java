package io.imprint.station.demo;

import io.imprint.station.account.AccountException;
import io.imprint.station.account.Accounts;
import io.imprint.station.account.Operator;
import io.imprint.station.account.Role;
import io.imprint.station.store.StoreException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The demo station's three accounts, with passwords printed on the console and shown on the login
 * screen of the demo only. Never made outside {@code --demo}.
 *
 * <p>Immutable and thread-safe.
 */
public final class DemoAccounts {

    /** One demo account. */
    public record Account(String user, String displayName, Role role, String password, Optional<String> badge) {
        public String line() {
            return user + " / " + password + "  (" + role.name().toLowerCase() + badge.map(b -> ", badge " + b).orElse("") + ")";
        }
    }

    public static final Account ADMIN = new Account("admin", "Ada Admin", Role.ADMIN, "admin-demo", Optional.empty());
    public static final Account SUPERVISOR = new Account("supervisor", "Sam Supervisor", Role.SUPERVISOR, "supervisor-demo", Optional.empty());
    public static final Account OPERATOR = new Account("operator", "Olu Operator", Role.OPERATOR, "operator-demo", Optional.of("BADGE-0001"));
    public static final List<Account> ALL = List.of(OPERATOR, SUPERVISOR, ADMIN);

    private DemoAccounts() {
    }

    /** Makes the demo accounts that do not exist yet. Slow (a password hash each). */
    public static void ensure(Accounts accounts) throws AccountException, StoreException {
        Set<String> existing = accounts.list().stream().map(Operator::username).collect(Collectors.toSet());
        for (Account a : ALL) {
            if (!existing.contains(a.user())) {
                accounts.create(a.user(), a.displayName(), a.role(), a.password().toCharArray(), a.badge(), "demo");
            }
        }
    }

    public static List<String> lines() {
        return ALL.stream().map(Account::line).toList();
    }
}

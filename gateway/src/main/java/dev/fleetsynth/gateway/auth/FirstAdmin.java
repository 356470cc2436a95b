package dev.fleetsynth.gateway.auth;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * On the very first start (no users yet) makes the user {@code admin}: with FLEETSYNTH_ADMIN_PASSWORD
 * when set, else with a generated password that is logged once and kept, owner-only, in
 * {@code <key-dir>/admin-password} (where {@code ./fleetsynth up} reads it to print how to log in).
 */
@ApplicationScoped
public class FirstAdmin {
    static final String PASSWORD_FILE = "admin-password";
    private static final Logger LOG = Logger.getLogger(FirstAdmin.class);

    @Inject
    Accounts accounts;

    @Inject
    AuthConfig config;

    void onStart(@Observes StartupEvent start) {
        String given = config.adminPassword().filter(p -> !p.isBlank()).orElse(null);
        String password = given != null ? given : Passwords.secret(15);
        if (given != null && given.length() < Passwords.MIN_LENGTH) {
            throw new IllegalStateException(
                    "FLEETSYNTH_ADMIN_PASSWORD needs at least " + Passwords.MIN_LENGTH + " characters");
        }
        try {
            if (!accounts.createFirstAdmin(password)) {
                return;
            }
        } catch (RuntimeException e) {
            // another replica made it in the same instant (the user name is the key): theirs stands
            LOG.infof("the first admin was made elsewhere: %s", e.getMessage());
            return;
        }
        if (given != null) {
            LOG.info("first start: made the user 'admin' with the password in FLEETSYNTH_ADMIN_PASSWORD");
            return;
        }
        Path file = Path.of(config.keyDir()).resolve(PASSWORD_FILE);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Tokens.OwnerOnlyFiles.writeIfAbsent(file, password + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the admin password in " + file, e);
        }
        LOG.warnf(
                "first start: made the user 'admin' with the password %s (kept in %s, readable only by its owner)",
                password, file);
    }
}

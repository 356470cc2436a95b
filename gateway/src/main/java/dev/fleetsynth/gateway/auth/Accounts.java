package dev.fleetsynth.gateway.auth;

import dev.fleetsynth.support.api.ApiError;
import dev.fleetsynth.support.api.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Users and API keys: who a bearer credential names, logins, and their management. A caller's role
 * is read from the database (remembered for {@code fleetsynth.auth.cache-for}), not from the
 * token, so that a demotion or a deletion takes effect within seconds rather than at the token's expiry.
 */
@ApplicationScoped
public class Accounts {
    static final String KEY_PREFIX = "fsk_";
    static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{1,63}");

    @Inject
    Tokens tokens;

    @Inject
    OidcTokens oidc;

    @Inject
    AuthConfig config;

    private record Remembered(Optional<Caller> caller, Instant until) {}

    /** Callers by user name ("user:x") or key hash ("key:h"); both kinds are cleared on every change here. */
    private final Map<String, Remembered> remembered = new ConcurrentHashMap<>();

    public record UserView(String username, String role, Instant createdAt, String createdBy) {
        static UserView of(UserAccount u) {
            return new UserView(u.username, u.role, u.createdAt, u.createdBy);
        }
    }

    public record KeyView(
            UUID keyId, String name, String role, String owner, Instant createdAt, Instant lastUsedAt, String key) {
        static KeyView of(ApiKey k, String key) {
            return new KeyView(k.keyId, k.name, k.role, k.owner, k.createdAt, k.lastUsedAt, key);
        }
    }

    /** Who a bearer credential (a token of ours or an API key) names, with the role in force now. */
    public Optional<Caller> resolve(String credential) {
        if (credential.startsWith(KEY_PREFIX)) {
            String hash = sha256(credential);
            return remember(
                    "key:" + hash,
                    () -> QuarkusTransaction.requiringNew().call(() -> {
                        ApiKey k = ApiKey.find("keyHash", hash).firstResult();
                        if (k == null) {
                            return Optional.<Caller>empty();
                        }
                        k.lastUsedAt = Instant.now();
                        UserAccount owner = UserAccount.findById(k.owner);
                        // a key never holds more than its owner holds now
                        return Optional.ofNullable(owner)
                                .flatMap(o -> Role.parse(o.role))
                                .flatMap(
                                        ownerRole -> Role.parse(k.role).map(r -> ownerRole.includes(r) ? r : ownerRole))
                                .map(r -> Caller.key(k.owner, r, k.keyId.toString()));
                    }));
        }
        Optional<String> ours = tokens.verify(credential);
        return ours.isPresent() ? ours.flatMap(this::user) : oidc.verify(credential);
    }

    private Optional<Caller> user(String username) {
        return remember(
                "user:" + username,
                () -> QuarkusTransaction.requiringNew().call(() -> {
                    UserAccount u = UserAccount.findById(username);
                    return u == null
                            ? Optional.<Caller>empty()
                            : Role.parse(u.role).map(r -> Caller.user(u.username, r));
                }));
    }

    private Optional<Caller> remember(String key, java.util.function.Supplier<Optional<Caller>> load) {
        Instant now = Instant.now();
        Remembered r = remembered.get(key);
        if (r != null && r.until().isAfter(now)) {
            return r.caller();
        }
        Optional<Caller> caller = load.get();
        if (caller.isPresent()) { // only what exists is remembered: made-up keys cannot fill the map
            if (remembered.size() > 10_000) {
                remembered.clear();
            }
            remembered.put(key, new Remembered(caller, now.plus(config.cacheFor())));
        }
        return caller;
    }

    private void forgetAll() {
        remembered.clear();
    }

    /** The caller these credentials log in as; a 401 that does not say which of the two was wrong. */
    public Caller login(String username, String password) {
        if (username == null || password == null) {
            throw ApiException.badRequest(
                    username == null ? "username" : "password",
                    "username and password are required",
                    "send {\"username\": \"...\", \"password\": \"...\"}");
        }
        UserAccount u =
                QuarkusTransaction.requiringNew().call(() -> UserAccount.<UserAccount>findById(username.trim()));
        boolean ok = Passwords.matches(password, u == null ? null : u.passwordHash);
        if (!ok) {
            throw new ApiException(
                    401,
                    new ApiError(
                            "BAD_CREDENTIALS",
                            "the user name or the password is wrong",
                            List.of(new ApiError.Detail(
                                    "password",
                                    "no such user with this password",
                                    "check both; an admin can set a new password (PUT /api/gan/users/{username})"))));
        }
        return Caller.user(u.username, Role.parse(u.role).orElse(Role.VIEWER));
    }

    public List<UserView> users() {
        return QuarkusTransaction.requiringNew()
                .call(() -> UserAccount.<UserAccount>listAll().stream()
                        .sorted(java.util.Comparator.comparing((UserAccount u) -> u.username))
                        .map(UserView::of)
                        .toList());
    }

    public UserView createUser(String username, String password, String role, String by) {
        String name = checkUsername(username);
        checkPassword("password", password);
        Role r = checkRole(role);
        UserView made = QuarkusTransaction.requiringNew().call(() -> {
            if (UserAccount.findById(name) != null) {
                throw ApiException.conflict("USER_EXISTS", "a user named '" + name + "' exists");
            }
            UserAccount u = new UserAccount();
            u.username = name;
            u.passwordHash = Passwords.hash(password);
            u.role = r.id();
            u.createdAt = Instant.now();
            u.createdBy = by;
            u.persist();
            return UserView.of(u);
        });
        forgetAll();
        return made;
    }

    /** Creates the first admin unless there are users already; false when there were. */
    boolean createFirstAdmin(String password) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (UserAccount.count() > 0) {
                return false;
            }
            UserAccount u = new UserAccount();
            u.username = "admin";
            u.passwordHash = Passwords.hash(password);
            u.role = Role.ADMIN.id();
            u.createdAt = Instant.now();
            u.createdBy = "first start";
            u.persist();
            return true;
        });
    }

    public UserView changeUser(String by, String username, String role, String password) {
        if (role == null && password == null) {
            throw ApiException.badRequest("role", "nothing to change", "send a new role, a new password or both");
        }
        Role r = role == null ? null : checkRole(role);
        if (r != null && r != Role.ADMIN && username.equals(by)) {
            throw notYourself("demote");
        }
        if (password != null) {
            checkPassword("password", password);
        }
        UserView changed = QuarkusTransaction.requiringNew().call(() -> {
            UserAccount u = existing(username);
            if (r != null && Role.ADMIN.id().equals(u.role) && r != Role.ADMIN) {
                keepAnAdmin(u.username);
            }
            if (r != null) {
                u.role = r.id();
            }
            if (password != null) {
                u.passwordHash = Passwords.hash(password);
            }
            return UserView.of(u);
        });
        forgetAll();
        return changed;
    }

    public void changeOwnPassword(String username, String current, String next) {
        if (current == null
                || !Passwords.matches(
                        current, QuarkusTransaction.requiringNew().call(() -> existing(username).passwordHash))) {
            throw ApiException.badRequest(
                    "current_password", "the current password is wrong", "send your current password");
        }
        checkPassword("new_password", next);
        QuarkusTransaction.requiringNew().run(() -> existing(username).passwordHash = Passwords.hash(next));
    }

    public void deleteUser(String by, String username) {
        if (username.equals(by)) {
            throw notYourself("remove");
        }
        QuarkusTransaction.requiringNew().run(() -> {
            UserAccount u = existing(username);
            if (Role.ADMIN.id().equals(u.role)) {
                keepAnAdmin(u.username);
            }
            u.delete(); // its keys go with it (ON DELETE CASCADE)
        });
        forgetAll();
    }

    public List<KeyView> keys(Caller caller) {
        return QuarkusTransaction.requiringNew().call(() -> {
            // keys are owned by Fleetsynth users: a provider's user of the same name owns none of them
            List<ApiKey> keys = caller.role() == Role.ADMIN
                    ? ApiKey.listAll()
                    : caller.kind() == Caller.Kind.OIDC ? List.of() : ApiKey.list("owner", caller.name());
            return keys.stream()
                    .sorted(java.util.Comparator.comparing((ApiKey k) -> k.createdAt))
                    .map(k -> KeyView.of(k, null))
                    .toList();
        });
    }

    public KeyView createKey(Caller caller, String name, String role) {
        if (caller.kind() == Caller.Kind.KEY) {
            throw new ApiException(
                    403,
                    new ApiError(
                            "FORBIDDEN",
                            "an API key cannot make keys",
                            List.of(new ApiError.Detail(
                                    "Authorization",
                                    "this request was sent with an API key",
                                    "log in as a user to make keys"))));
        }
        if (caller.kind() == Caller.Kind.OIDC) {
            throw new ApiException(
                    403,
                    new ApiError(
                            "FORBIDDEN",
                            "keys belong to Fleetsynth's own users",
                            List.of(new ApiError.Detail(
                                    "Authorization",
                                    "this request came with the identity provider's token",
                                    "use the provider's tokens in scripts, or ask an admin for a Fleetsynth user"))));
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            throw ApiException.badRequest(
                    "name",
                    "a key needs a name of 1 to 100 characters",
                    "say what the key is for, e.g. \"nightly export\"");
        }
        Role r = role == null ? caller.role() : checkRole(role);
        if (!caller.role().includes(r)) {
            throw new ApiException(
                    403,
                    new ApiError(
                            "FORBIDDEN",
                            "a key cannot hold more than its owner",
                            List.of(new ApiError.Detail(
                                    "role",
                                    "'" + r.id() + "' is above your role '"
                                            + caller.role().id() + "'",
                                    "ask for a role of at most '"
                                            + caller.role().id() + "'"))));
        }
        String secret = KEY_PREFIX + Passwords.secret(32);
        return QuarkusTransaction.requiringNew().call(() -> {
            ApiKey k = new ApiKey();
            k.keyId = UUID.randomUUID();
            k.name = name.trim();
            k.keyHash = sha256(secret);
            k.role = r.id();
            k.owner = caller.name();
            k.createdAt = Instant.now();
            k.persist();
            return KeyView.of(k, secret);
        });
    }

    public void deleteKey(Caller caller, UUID keyId) {
        QuarkusTransaction.requiringNew().run(() -> {
            ApiKey k = ApiKey.findById(keyId);
            if (k == null
                    || (caller.role() != Role.ADMIN
                            && (caller.kind() == Caller.Kind.OIDC || !k.owner.equals(caller.name())))) {
                throw ApiException.notFound("key " + keyId);
            }
            k.delete();
        });
        forgetAll();
    }

    private static UserAccount existing(String username) {
        UserAccount u = UserAccount.findById(username);
        if (u == null) {
            throw ApiException.notFound("user '" + username + "'");
        }
        return u;
    }

    private static ApiException notYourself(String what) {
        return ApiException.conflict(
                "OWN_ACCOUNT", "an admin cannot " + what + " their own account; another admin can");
    }

    private static void keepAnAdmin(String leaving) {
        if (UserAccount.count("role = ?1 and username <> ?2", Role.ADMIN.id(), leaving) == 0) {
            throw ApiException.conflict("LAST_ADMIN", "'" + leaving + "' is the only admin; make another admin first");
        }
    }

    private static String checkUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest(
                    "username",
                    "'" + username + "' is not a user name",
                    "use 2 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return username;
    }

    private static void checkPassword(String field, String password) {
        if (password == null || password.length() < Passwords.MIN_LENGTH || password.length() > 200) {
            throw ApiException.badRequest(
                    field,
                    "a password needs " + Passwords.MIN_LENGTH + " to 200 characters",
                    "choose a longer password");
        }
    }

    private static Role checkRole(String role) {
        return Role.parse(role)
                .orElseThrow(() -> ApiException.badRequest(
                        "role", "'" + role + "' is not a role", "use one of: " + Role.choices()));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

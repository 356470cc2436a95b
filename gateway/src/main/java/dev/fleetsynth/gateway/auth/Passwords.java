package dev.fleetsynth.gateway.auth;

import io.quarkus.elytron.security.common.BcryptUtil;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import org.wildfly.security.password.Password;
import org.wildfly.security.password.PasswordFactory;
import org.wildfly.security.password.WildFlyElytronPasswordProvider;
import org.wildfly.security.password.util.ModularCrypt;

/** Bcrypt password hashes (Modular Crypt Format), and generated secrets. */
final class Passwords {
    static final int MIN_LENGTH = 10;
    private static final WildFlyElytronPasswordProvider PROVIDER = new WildFlyElytronPasswordProvider();
    private static final SecureRandom RANDOM = new SecureRandom();
    /** A hash no password matches, checked when the user does not exist so that both cases take as long. */
    private static final String NOBODY = BcryptUtil.bcryptHash(secret(16));

    private Passwords() {}

    static String hash(String password) {
        return BcryptUtil.bcryptHash(password);
    }

    static boolean matches(String password, String hash) {
        try {
            Password stored = ModularCrypt.decode(hash == null ? NOBODY : hash);
            PasswordFactory factory = PasswordFactory.getInstance(stored.getAlgorithm(), PROVIDER);
            return factory.verify(factory.translate(stored), password.toCharArray()) && hash != null;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** {@code bytes} random bytes, base64url without padding. */
    static String secret(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}

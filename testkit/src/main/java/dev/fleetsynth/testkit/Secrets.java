package dev.fleetsynth.testkit;

import java.security.SecureRandom;
import java.util.Base64;

/** Passwords for the servers, made at each start (nothing outside the stack needs to know them). */
final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {}

    /** 144 random bits, base64url: safe in a URL, a config value and an SQL literal. */
    static String random() {
        byte[] b = new byte[18];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}

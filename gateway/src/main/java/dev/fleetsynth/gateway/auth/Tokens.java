package dev.fleetsynth.gateway.auth;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * Signs and reads the gateway's bearer tokens (RS256 JWTs: the user name as {@code upn}, its
 * roles as {@code groups}). The signing key is made on first start and kept, owner-only, in the
 * key directory, so logins survive a restart; a second replica uses the same file.
 */
@ApplicationScoped
public class Tokens {
    static final String ISSUER = "fleetsynth";
    private static final Logger LOG = Logger.getLogger(Tokens.class);

    @Inject
    AuthConfig config;

    private PrivateKey signingKey;
    private DefaultJWTParser parser;

    @PostConstruct
    void load() {
        try {
            Path dir = Files.createDirectories(Path.of(config.keyDir()));
            // One file, the private key: the public half follows from it, so that two replicas
            // starting at once cannot end up with halves of different pairs.
            Path keyFile = dir.resolve("jwt-signing-key.pem");
            if (!Files.exists(keyFile)) {
                KeyPair pair = KeyUtils.generateKeyPair(2048);
                if (OwnerOnlyFiles.writeIfAbsent(
                        keyFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()))) {
                    LOG.infof("made the token signing key in %s", keyFile);
                }
            }
            signingKey = KeyUtils.decodePrivateKey(Files.readString(keyFile));
            RSAPrivateCrtKey rsa = (RSAPrivateCrtKey) signingKey;
            PublicKey verifyKey = KeyFactory.getInstance("RSA")
                    .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
            parser = new DefaultJWTParser(new JWTAuthContextInfo(verifyKey, ISSUER));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or make the token keys in " + config.keyDir(), e);
        } catch (java.security.GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException(
                    "the token signing key in " + config.keyDir() + " is not an RSA private key: " + e.getMessage(), e);
        }
    }

    /** A signed token for this user and role, valid for the configured lifetime. */
    public String issue(String username, Role role) {
        return Jwt.issuer(ISSUER)
                .upn(username)
                .subject(username)
                .groups(role.granted())
                .expiresIn(config.tokenLifetime())
                .sign(signingKey);
    }

    public long lifetimeSeconds() {
        return config.tokenLifetime().toSeconds();
    }

    /** The user a valid, unexpired token of ours names; empty for anything else. */
    public Optional<String> verify(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            return Optional.ofNullable(jwt.getName());
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** Files only their owner reads, written whole or not at all. */
    static final class OwnerOnlyFiles {
        private OwnerOnlyFiles() {}

        /** Writes the file unless it exists; false when another process was first. */
        static boolean writeIfAbsent(Path file, String content) throws IOException {
            Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the directory's own protection applies
                }
                Files.writeString(tmp, content, StandardCharsets.UTF_8);
                try {
                    Files.createLink(file, tmp); // atomic and fails when present: two replicas cannot both win
                    return true;
                } catch (FileAlreadyExistsException e) {
                    return false;
                } catch (UnsupportedOperationException | IOException e) {
                    if (Files.exists(file)) {
                        return false;
                    }
                    try {
                        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
                    } catch (AtomicMoveNotSupportedException m) {
                        Files.move(tmp, file);
                    }
                    return true;
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }
}

package org.ecifhub.support.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * The local hub's token issuer: an RSA key pair of its own, made at first use in the hub's state directory (never
 * in the repository), and RS256 JWTs for the gateway, which verifies them with the public key. A bank points the
 * gateway at its own identity provider instead.
 *
 * <pre>
 *   ./hub token ROLE [--branch B] [--staff S] [--subject NAME] [--ttl 8h]
 * </pre>
 */
public final class TokenIssuer {

    public static final String DEFAULT_ISSUER = "ecif-hub";
    public static final String PRIVATE_KEY_FILE = "jwt-private.pem";
    public static final String PUBLIC_KEY_FILE = "jwt-public.pem";
    static final Set<String> ROLES = Set.of("SYSTEM", "HEAD_OFFICE", "BRANCH_MANAGER", "CUSTOMER_MANAGER", "TELLER",
            "STEWARD", "OPS", "AUDITOR");

    private final PrivateKey privateKey;
    private final String issuer;

    public TokenIssuer(PrivateKey privateKey, String issuer) {
        this.privateKey = privateKey;
        this.issuer = issuer;
    }

    /** The issuer whose keys live in {@code keyDir}, making them first if there are none. */
    public static TokenIssuer forKeyDir(Path keyDir, String issuer) {
        return new TokenIssuer(ensureKeys(keyDir).getPrivate(), issuer);
    }

    /** The key pair in {@code keyDir}; a new 2048-bit RSA pair is made and written there if there is none. */
    public static KeyPair ensureKeys(Path keyDir) {
        Path priv = keyDir.resolve(PRIVATE_KEY_FILE);
        Path pub = keyDir.resolve(PUBLIC_KEY_FILE);
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            if (Files.exists(priv) && Files.exists(pub)) {
                return new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(pem(Files.readString(pub)))),
                        rsa.generatePrivate(new PKCS8EncodedKeySpec(pem(Files.readString(priv)))));
            }
            Files.createDirectories(keyDir);
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Path tmp = Files.createTempFile(keyDir, "key", ".tmp");
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the directory's own permissions apply
            }
            Files.writeString(tmp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.move(tmp, priv, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(pub, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            return pair;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or write the hub's token keys in " + keyDir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not make or read the hub's token keys in " + keyDir, e);
        }
    }

    /** The PEM text of a public key, as the gateway's {@code mp.jwt.verify.publickey} accepts it. */
    public static String publicKeyPem(PublicKey key) {
        return pem("PUBLIC KEY", key.getEncoded());
    }

    /** A signed token for {@code roles}, with the branch and staff claims when given. */
    public String issue(String subject, List<String> roles, String branch, String staff, Duration ttl) {
        Instant now = Instant.now();
        StringBuilder claims = new StringBuilder("{");
        claims.append("\"iss\":").append(json(issuer))
                .append(",\"sub\":").append(json(subject))
                .append(",\"upn\":").append(json(subject))
                .append(",\"jti\":").append(json(UUID.randomUUID().toString()))
                .append(",\"iat\":").append(now.getEpochSecond())
                .append(",\"exp\":").append(now.plus(ttl).getEpochSecond())
                .append(",\"groups\":[");
        for (int i = 0; i < roles.size(); i++) {
            claims.append(i == 0 ? "" : ",").append(json(roles.get(i)));
        }
        claims.append(']');
        if (branch != null) {
            claims.append(",\"branch\":").append(json(branch));
        }
        if (staff != null) {
            claims.append(",\"staff\":").append(json(staff));
        }
        claims.append('}');
        String signingInput = b64("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(privateKey);
            rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + b64(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a token", e);
        }
    }

    /** {@code ./hub token ROLE [--branch B] [--staff S] [--subject NAME] [--ttl 8h]}: prints a token. */
    static int command(Path keyDir, List<String> args) {
        List<String> roles = new ArrayList<>();
        String branch = null;
        String staff = null;
        String subject = null;
        Duration ttl = Duration.ofHours(8);
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            boolean hasValue = i + 1 < args.size();
            switch (a) {
                case "--branch" -> branch = hasValue ? args.get(++i) : null;
                case "--staff" -> staff = hasValue ? args.get(++i) : null;
                case "--subject" -> subject = hasValue ? args.get(++i) : null;
                case "--ttl" -> ttl = hasValue ? Duration.parse("PT" + args.get(++i).toUpperCase(Locale.ROOT)) : ttl;
                default -> roles.add(a.toUpperCase(Locale.ROOT).replace('-', '_'));
            }
        }
        if (roles.isEmpty() || !ROLES.containsAll(roles)) {
            System.err.println("usage: ./hub token ROLE [--branch B] [--staff S] [--subject NAME] [--ttl 8h]\n"
                    + "roles: " + String.join(", ", ROLES.stream().sorted().toList()));
            return 2;
        }
        if (subject == null) {
            subject = staff != null ? staff : roles.get(0).toLowerCase(Locale.ROOT);
        }
        System.out.println(forKeyDir(keyDir, DEFAULT_ISSUER).issue(subject, roles, branch, staff, ttl));
        return 0;
    }

    private static String json(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    private static byte[] pem(String text) {
        return Base64.getMimeDecoder().decode(text.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").strip());
    }
}

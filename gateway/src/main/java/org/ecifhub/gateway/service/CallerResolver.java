package org.ecifhub.gateway.service;

import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import org.ecifhub.gateway.domain.Caller;
import org.ecifhub.gateway.domain.Role;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a bearer token into a {@link Caller}. smallrye-jwt verifies the signature against the configured public
 * key ({@code mp.jwt.verify.publickey.location}), the issuer ({@code mp.jwt.verify.issuer}) and the expiry; roles
 * come from the {@code groups} claim, the branch and staff id from the {@code branch} and {@code staff} claims.
 */
@ApplicationScoped
public class CallerResolver {

    /** Why a token was refused. */
    public static final class InvalidToken extends Exception {
        public InvalidToken(String message) {
            super(message);
        }
    }

    private final JWTParser parser;

    public CallerResolver(JWTParser parser) {
        this.parser = parser;
    }

    /** The caller, or empty when the request carries no bearer token. */
    public Optional<Caller> resolve(String authorization) throws InvalidToken {
        if (authorization == null || authorization.isBlank()) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new InvalidToken("Only bearer tokens are accepted");
        }
        JsonWebToken jwt;
        try {
            jwt = parser.parse(value.substring(7).strip());
        } catch (ParseException e) {
            throw new InvalidToken("The token is not valid: signature, issuer or expiry rejected");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        jwt.getGroups().forEach(g -> Role.parse(g).ifPresent(roles::add));
        return Optional.of(new Caller(jwt.getName(), roles, claim(jwt, "branch"), claim(jwt, "staff")));
    }

    private static String claim(JsonWebToken jwt, String name) {
        Object v = jwt.getClaim(name);
        if (v == null) {
            return null;
        }
        String s = v.toString();
        // JSON string claims come back as JsonString, whose toString() keeps the quotes.
        if (s.length() >= 2 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1);
        }
        return s;
    }
}

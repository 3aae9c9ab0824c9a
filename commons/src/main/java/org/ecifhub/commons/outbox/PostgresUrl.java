package org.ecifhub.commons.outbox;

import java.net.URI;

/** The parts of a {@code jdbc:postgresql://host:port/database?…} URL that Debezium wants separately. */
record PostgresUrl(String host, int port, String database, String query) {

    static PostgresUrl parse(String jdbcUrl) {
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("A PostgreSQL JDBC URL with host and database is needed: " + jdbcUrl);
        }
        return new PostgresUrl(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getPath().substring(1),
                uri.getQuery());
    }
}

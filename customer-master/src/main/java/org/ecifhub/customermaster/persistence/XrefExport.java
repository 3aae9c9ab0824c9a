package org.ecifhub.customermaster.persistence;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Writes the cross-reference table as NDJSON through a server-side cursor (rows fetched 5,000 at a time). */
@ApplicationScoped
public class XrefExport {

    private static final JsonFactory JSON = new JsonFactory();

    private final AgroalDataSource dataSource;

    public XrefExport(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void writeTo(OutputStream out) throws IOException {
        try (Connection c = dataSource.getConnection()) {
            // PostgreSQL streams with a cursor only inside a transaction.
            c.setAutoCommit(false);
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT source, source_customer_id, customer_number FROM xref ORDER BY source, source_customer_id")) {
                s.setFetchSize(5000);
                try (ResultSet rs = s.executeQuery(); JsonGenerator g = JSON.createGenerator(out)) {
                    g.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
                    g.setRootValueSeparator(null); // lines end with '\n' and nothing else

                    while (rs.next()) {
                        g.writeStartObject();
                        g.writeStringField("source", rs.getString(1));
                        g.writeStringField("sourceCustomerId", rs.getString(2));
                        g.writeStringField("customerNumber", rs.getString(3));
                        g.writeEndObject();
                        g.writeRaw('\n');
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new UncheckedIOException(new IOException("Could not read the cross-reference", e));
        }
    }
}

package org.ecifhub.scoring.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.ecifhub.scoring.domain.ScoringModel;
import org.ecifhub.scoring.persistence.ScoringModelEntity;
import org.ecifhub.scoring.persistence.ScoringModelRepository;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The stored model versions. At first start the documented default ({@link ScoringModel#standard()}) is stored
 * and activated; after that the active model is whatever an operator activated.
 */
@ApplicationScoped
public class ModelCatalog {

    private static final Logger LOG = Logger.getLogger(ModelCatalog.class);

    private final ScoringModelRepository models;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final Map<String, ScoringModel> parsed = new ConcurrentHashMap<>();

    public ModelCatalog(ScoringModelRepository models, ObjectMapper mapper, Clock clock) {
        this.models = models;
        this.mapper = mapper;
        this.clock = clock;
    }

    void seed(@Observes StartupEvent event) {
        try {
            QuarkusTransaction.requiringNew().run(this::seedIfEmpty);
        } catch (RuntimeException e) {
            // Another instance seeding at the same moment, say: the first event or request seeds it otherwise.
            LOG.warnf("The default scoring model was not stored at start: %s", e.getMessage());
        }
    }

    private ScoringModelEntity seedIfEmpty() {
        var existing = models.active();
        if (existing.isPresent()) {
            return existing.get();
        }
        ScoringModelEntity e = toEntity(ScoringModel.standard(), "system");
        if (models.count() > 0) {
            throw new IllegalStateException("no active scoring model: activate one of the stored versions");
        }
        e.status = ScoringModelEntity.ACTIVE;
        e.activatedAt = e.createdAt;
        models.persist(e);
        models.flush();
        return e;
    }

    /** The active model (in the caller's transaction, so an activation is seen at once). */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScoringModel active() {
        // Read without a managed entity: nothing for the flushes of the consumer's transaction to check.
        @SuppressWarnings("unchecked")
        List<Object[]> rows = models.getEntityManager()
                .createNativeQuery("SELECT version, CAST(parameters AS text) FROM scoring_model WHERE status = 'ACTIVE'")
                .getResultList();
        if (rows.isEmpty()) {
            return parse(seedIfEmpty());
        }
        return parse((String) rows.get(0)[0], (String) rows.get(0)[1]);
    }

    /** A stored version (versions never change once stored), or null when there is none of that name. */
    @Transactional(Transactional.TxType.MANDATORY)
    public ScoringModel version(String version) {
        ScoringModelEntity e = models.findById(version);
        return e == null ? null : parse(e);
    }

    public ScoringModel parse(ScoringModelEntity e) {
        return parse(e.version, e.parameters);
    }

    private ScoringModel parse(String version, String parameters) {
        return parsed.computeIfAbsent(version + "@" + parameters.hashCode(), k -> {
            try {
                return mapper.readValue(parameters, ScoringModel.class);
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException("stored model " + version + " cannot be read", ex);
            }
        });
    }

    public ScoringModelEntity toEntity(ScoringModel model, String createdBy) {
        ScoringModelEntity e = new ScoringModelEntity();
        e.version = model.version();
        e.description = model.description();
        try {
            e.parameters = mapper.writeValueAsString(model);
        } catch (JsonProcessingException ex) {
            throw new IllegalArgumentException(ex);
        }
        e.status = ScoringModelEntity.DRAFT;
        e.createdBy = createdBy;
        e.createdAt = OffsetDateTime.now(clock);
        return e;
    }
}

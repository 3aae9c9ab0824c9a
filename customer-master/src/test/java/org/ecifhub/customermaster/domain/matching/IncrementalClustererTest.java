package org.ecifhub.customermaster.domain.matching;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IncrementalClustererTest {

    private static final String ZHANG = Records.residentId("43138119800101001");
    private static final String TWIN = Records.residentId("43138119800101003");

    private final IncrementalClusterer clusterer = new IncrementalClusterer(ProbabilisticMatcher.withDefaultModel());

    private static Records.Builder household(String recordId, String name) {
        return Records.person(recordId).name(name).born("1980-01-01").gender("M").phone("13812345678")
                .address("冷水江市布溪街道人民路12号");
    }

    @Test
    void theSameValidIdJoinsTheSameParty() {
        IncrementalClusterer.Assignment first = clusterer.add(household("deposit/1", "张伟").residentId(ZHANG).build());
        // 15-digit first-generation id of the same card, another phone: the rule, not the weights, decides.
        IncrementalClusterer.Assignment second = clusterer.add(Records.person("deposit/2").name("张伟")
                .residentId("431381800101001").phone("13999999999").build());

        assertThat(first.link()).isEqualTo(IncrementalClusterer.Link.NEW_PARTY);
        assertThat(second.link()).isEqualTo(IncrementalClusterer.Link.SAME_VERIFIED_ID);
        assertThat(second.cluster()).isEqualTo(first.cluster());
    }

    @Test
    void twinsStayApartAndTheirRecordsFindTheRightOne() {
        clusterer.add(household("deposit/1", "张伟").residentId(ZHANG).build());
        clusterer.add(household("deposit/2", "张玮").residentId(TWIN).build());
        IncrementalClusterer.Assignment ebank = clusterer.add(Records.person("ebank/1").name("张玮")
                .phone("13812345678").build());

        assertThat(clusterer.clusterCount()).isEqualTo(2);
        assertThat(ebank.link()).isEqualTo(IncrementalClusterer.Link.MATCHED);
        assertThat(ebank.cluster()).isEqualTo(1);
        assertThat(ebank.best().explain()).contains("EXACT");
        assertThat(PairwiseMetrics.clustersWithConflictingIds(clusterer.clusters(), clusterer.records())).isZero();
    }

    @Test
    void noChainOfIdlessRecordsBringsTwoValidIdsTogether() {
        clusterer.add(household("deposit/1", "张伟").residentId(ZHANG).build());
        clusterer.add(Records.person("ebank/1").name("张伟").phone("13812345678").born("1980-01-01").build());
        // The twin's record agrees with the e-banking record on everything it has; the party already holds a
        // different valid id, so it must not join.
        IncrementalClusterer.Assignment twin = clusterer.add(household("deposit/2", "张伟").residentId(TWIN).build());

        assertThat(twin.link()).isEqualTo(IncrementalClusterer.Link.NEW_PARTY);
        assertThat(clusterer.blockedByRule()).isPositive();
        assertThat(PairwiseMetrics.clustersWithConflictingIds(clusterer.clusters(), clusterer.records())).isZero();
    }

    @Test
    void aPairBetweenTheThresholdsIsAStewardshipTask() {
        clusterer.add(household("deposit/1", "李建国").residentId(ZHANG).build());
        IncrementalClusterer.Assignment brother = clusterer.add(Records.person("ebank/9").name("李建军")
                .phone("13812345678").address("冷水江市布溪街道人民路12号").gender("M").build());

        assertThat(brother.link()).isEqualTo(IncrementalClusterer.Link.NEW_PARTY);
        assertThat(brother.review()).isTrue();
        assertThat(brother.best().outcome()).isEqualTo(MatchOutcome.POSSIBLE_MATCH);
    }

    @Test
    void oversizedBlocksAreSkipped() {
        IncrementalClusterer small = new IncrementalClusterer(ProbabilisticMatcher.withDefaultModel(), 1);
        small.add(Records.person("a").name("张伟").phone("13812345678").build());
        small.add(Records.person("b").name("王芳").phone("13812345678").build());
        IncrementalClusterer.Assignment c = small.add(Records.person("c").name("张伟").phone("13812345678").build());

        assertThat(c.link()).isEqualTo(IncrementalClusterer.Link.NEW_PARTY); // the phone block holds 2 > 1
        assertThat(small.comparisons()).isEqualTo(1);
    }

    @Test
    void clustersAreReportedInInputOrder() {
        List.of("张伟", "王芳", "张伟").forEach(name ->
                clusterer.add(Records.person(name).name(name).phone("1381234567" + name.length()).build()));
        assertThat(clusterer.clusters()).containsExactly(0, 1, 0);
    }
}

package org.ecifhub.assignment.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/** A branch (网点). {@code neighbours} holds branch codes, comma-separated, nearest first. */
@Entity
@Table(name = "branch")
public class BranchEntity {

    @Id
    @Column(name = "branch_code")
    public String branchCode;
    public String name;
    public String neighbours = "";
    @Column(name = "updated_at")
    public OffsetDateTime updatedAt;

    public List<String> neighbourList() {
        return neighbours == null || neighbours.isBlank() ? List.of()
                : Arrays.stream(neighbours.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}

package org.ecifhub.customermaster.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.ecifhub.customermaster.domain.CustomerEvent;

import java.time.OffsetDateTime;

@Entity
@Table(name = "ebanking_status")
public class EbankingStatusEntity {

    @Id
    @Column(name = "customer_number")
    public String customerNumber;
    @Column(name = "mobile_banking")
    public boolean mobileBanking;
    @Column(name = "logins_last_30d")
    public Integer loginsLast30d;
    @Column(name = "transactions_last_30d")
    public Integer transactionsLast30d;
    @Column(name = "as_of")
    public OffsetDateTime asOf;

    public static CustomerEvent.Ebanking toEbanking(EbankingStatusEntity e) {
        return e == null ? null
                : new CustomerEvent.Ebanking(e.mobileBanking, e.loginsLast30d, e.transactionsLast30d, e.asOf);
    }
}

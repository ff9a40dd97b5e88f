package com.seatflow.ingest;

import java.sql.Timestamp;
import java.time.Instant;

import javax.sql.DataSource;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Camel's JDBC idempotent repository on the shared {@code inbound_message_id} table. Taking a key is a single INSERT
 * against the primary key, so when two nodes race for the same message exactly one wins: the other gets a duplicate
 * key and is told the message is already taken (Camel's own check-then-insert would let both through, or fail one).
 */
class InboundMessageIds extends JdbcMessageIdRepository {

    static final String TABLE = "inbound_message_id";

    InboundMessageIds(DataSource dataSource, PlatformTransactionManager transactions, String processorName) {
        super(dataSource, ownTransaction(transactions), processorName);
        setTableName(TABLE);
        setCreateTableIfNotExists(false);
    }

    private static TransactionTemplate ownTransaction(PlatformTransactionManager transactions) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        return template;
    }

    @Override
    public boolean add(String key) {
        try {
            return Boolean.TRUE.equals(transactionTemplate.execute(status -> insert(key) == 1));
        } catch (DuplicateKeyException alreadyTaken) {
            return false;
        }
    }

    /**
     * Releases the keys starting with {@code keyPrefix} taken before {@code cutoff}: those of a node that died while
     * it held them (a live node releases its own within seconds). Returns how many were released.
     */
    int forgetOlderThan(String keyPrefix, Instant cutoff) {
        return jdbcTemplate.update(
                "DELETE FROM " + TABLE + " WHERE processorName = ? AND messageId LIKE ? AND createdAt < ?", processorName, keyPrefix.replace("%", "\\%").replace("_", "\\_") + "%", Timestamp.from(cutoff));
    }
}

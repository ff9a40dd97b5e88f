package com.seatflow.ingest;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Camel's JDBC idempotent repository on the shared {@code inbound_message_id} table. Taking a key is a single INSERT
 * against the primary key, so when two nodes race for the same message exactly one wins: the other gets a duplicate
 * key and is told the message is already taken (Camel's own check-then-insert would let both through, or fail one).
 * <p>
 * A claim is confirmed when its message has been handled. A claim left unconfirmed for longer than
 * {@code staleAfter} belongs to a node that died half-way (a live node finishes within seconds), and the next node
 * asking for the key takes it over, so a mail or SFTP file it held is handled after all instead of being skipped
 * for ever.
 */
class InboundMessageIds extends JdbcMessageIdRepository {

    static final String TABLE = "inbound_message_id";
    private static final Logger log = LoggerFactory.getLogger(InboundMessageIds.class);

    /** What asking for a key found. */
    enum Claim {
        /** The key is now this node's: handle the message, then confirm (or remove, to give it back). */
        TAKEN,
        /** The message was handled already. */
        DONE,
        /** Another node is handling the message right now. */
        HELD
    }

    private final Duration staleAfter;
    private final Clock clock;

    InboundMessageIds(DataSource dataSource, PlatformTransactionManager transactions, String processorName,
            Duration staleAfter, Clock clock) {
        super(dataSource, ownTransaction(transactions), processorName);
        this.staleAfter = staleAfter;
        this.clock = clock;
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
        return claim(key) == Claim.TAKEN;
    }

    /**
     * Takes the key if nobody holds it, or if the node holding it never confirmed it and took it longer than
     * {@code staleAfter} ago; then exactly one of the nodes asking at the same time gets it.
     */
    Claim claim(String key) {
        try {
            if (Boolean.TRUE.equals(transactionTemplate.execute(status -> insert(key) == 1))) {
                return Claim.TAKEN;
            }
        } catch (DuplicateKeyException alreadyTaken) {
            // someone holds it; below we see whether it is finished, in progress or abandoned
        }
        Instant staleBefore = Instant.now(clock).minus(staleAfter);
        int takenOver = transactionTemplate.execute(status -> jdbcTemplate.update("UPDATE " + TABLE
                + " SET createdAt = ? WHERE processorName = ? AND messageId = ? AND confirmedAt IS NULL AND createdAt < ?",
                Timestamp.from(Instant.now(clock)), processorName, key, Timestamp.from(staleBefore)));
        if (takenOver == 1) {
            log.warn("Took over inbound message {}: the node that claimed it more than {} ago never finished it", key,
                    staleAfter);
            return Claim.TAKEN;
        }
        List<Timestamp> confirmed = jdbcTemplate.queryForList("SELECT confirmedAt FROM " + TABLE
                + " WHERE processorName = ? AND messageId = ?", Timestamp.class, processorName, key);
        return !confirmed.isEmpty() && confirmed.get(0) != null ? Claim.DONE : Claim.HELD;
    }

    /** The message of a taken key was handled: the claim is kept, and never taken over. */
    @Override
    public boolean confirm(String key) {
        transactionTemplate.executeWithoutResult(status -> jdbcTemplate.update("UPDATE " + TABLE
                + " SET confirmedAt = ? WHERE processorName = ? AND messageId = ?", Timestamp.from(Instant.now(clock)),
                processorName, key));
        return true;
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

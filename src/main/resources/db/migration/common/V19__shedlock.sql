-- ShedLock's lock table: one row per scheduled job, so that of several nodes on one database only one runs a
-- schedule's fire. Times are the database's own (the lock provider uses the database clock), so node clocks may differ.
CREATE TABLE shedlock (
    name       VARCHAR(64)  NOT NULL,
    lock_until TIMESTAMP(3) NOT NULL,
    locked_at  TIMESTAMP(3) NOT NULL,
    locked_by  VARCHAR(255) NOT NULL,
    PRIMARY KEY (name)
);

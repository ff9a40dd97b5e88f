-- Which inbound messages (dropped files, SFTP files, mails) a node has already taken, shared by every node so that
-- two nodes polling the same source take each message once. Column names are the ones Camel's JDBC idempotent
-- repository uses.
CREATE TABLE inbound_message_id (
    processorName VARCHAR(255) NOT NULL,
    messageId     VARCHAR(255) NOT NULL,
    createdAt     TIMESTAMP    NOT NULL,
    PRIMARY KEY (processorName, messageId)
);

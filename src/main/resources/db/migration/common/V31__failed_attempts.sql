-- Failed sign-ins and wrong enrolment-key codes, counted alike by every node (FailureThrottle): behind a load balancer
-- an address gets the same number of tries in all as on one node. The client (address and user name) is kept only
-- as a SHA-256 hash; rows older than the window are deleted as new failures come in.
CREATE TABLE failed_attempt (
    purpose     VARCHAR(20) NOT NULL,
    client_hash VARCHAR(64) NOT NULL,
    failed_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX failed_attempt_client ON failed_attempt (purpose, client_hash, failed_at);
CREATE INDEX failed_attempt_age ON failed_attempt (purpose, failed_at);

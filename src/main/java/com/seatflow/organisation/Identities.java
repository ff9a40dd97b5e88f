package com.seatflow.organisation;

import java.util.List;
import java.util.Optional;

/** The identity store shared by the REST API and the Camunda Tasklist. */
public interface Identities {

    /** The user's groups if the password is right, empty otherwise. */
    Optional<List<String>> authenticate(String userId, String password);

    void createUser(String userId, String firstName, String lastName, String email, String password);

    void addToGroup(String userId, String groupId, String groupName);

    boolean userExists(String userId);
}

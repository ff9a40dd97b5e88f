package com.seatflow.organisation;

import java.util.List;
import java.util.Optional;

/** The identity store shared by the REST API and the Camunda Tasklist. */
public interface Identities {

    /** What the identity store knows of a user. */

    /** The user's groups if the password is right, empty otherwise. */
    Optional<List<String>> authenticate(String userId, String password);

    void createUser(String userId, String firstName, String lastName, String email, String password);

    /** Makes the user a member of the group (created with {@code groupName} if new); a member already stays one. */
    void addToGroup(String userId, String groupId, String groupName);

    boolean userExists(String userId);

    /** Whether anyone at all can sign in. */
    boolean anyUserExists();

    /** The email addresses of a group's members (e.g. every admin of an organisation gets its account mails). */
    List<String> emailsOf(String groupId);

    /** The groups a user belongs to. */
    List<String> groupsOf(String userId);

    /** A user id whose account has this email, if any. */
    Optional<String> userIdByEmail(String email);


    /** Changes a user's own first and last name. */
    void rename(String userId, String firstName, String lastName);

    void removeFromGroup(String userId, String groupId);

    /** A user's name and email, if the user exists. */
    Optional<Person> person(String userId);

    /** The members of a group with their names and emails, ordered by user id. */
    List<Person> membersOf(String groupId);
}

package com.seatflow.workflow;

import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.stereotype.Component;

import com.seatflow.organisation.Identities;
import com.seatflow.organisation.OrgRoles;
import com.seatflow.organisation.Person;

/**
 * Camunda's identity store as Seatflow's: the same users and passwords sign in to the Tasklist and the REST API.
 * A new organisation admin group gets access to the Tasklist and to the processes it reviews; Camunda itself grants
 * each candidate group access to its own tasks only.
 */
@Component
class CamundaIdentities implements Identities {

    private final IdentityService identity;
    private final AuthorizationService authorizations;

    CamundaIdentities(IdentityService identity, AuthorizationService authorizations) {
        this.identity = identity;
        this.authorizations = authorizations;
    }

    @Override
    public Optional<List<String>> authenticate(String userId, String password) {
        if (userId == null || password == null || !identity.checkPassword(userId, password)) {
            return Optional.empty();
        }
        return Optional.of(groupsOf(userId));
    }

    @Override
    public void createUser(String userId, String firstName, String lastName, String email, String password) {
        var user = identity.newUser(userId);
        user.setFirstName(firstName);
        user.setLastName(lastName);
        user.setEmail(email);
        user.setPassword(password);
        identity.saveUser(user);
    }

    @Override
    public boolean userExists(String userId) {
        return identity.createUserQuery().userId(userId).count() > 0;
    }

    @Override
    public boolean anyUserExists() {
        return identity.createUserQuery().count() > 0;
    }

    @Override
    public List<String> emailsOf(String groupId) {
        return identity.createUserQuery().memberOfGroup(groupId).list().stream().map(User::getEmail)
                .filter(e -> e != null && !e.isBlank()).toList();
    }

    @Override
    public List<String> groupsOf(String userId) {
        return identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    }

    @Override
    public Optional<String> userIdByEmail(String email) {
        return identity.createUserQuery().userEmail(email).list().stream().map(User::getId).findFirst();
    }

    @Override
    public void rename(String userId, String firstName, String lastName) {
        User user = identity.createUserQuery().userId(userId).singleResult();
        if (user == null) {
            throw new IllegalArgumentException("No user " + userId);
        }
        user.setFirstName(firstName);
        user.setLastName(lastName);
        identity.saveUser(user);
    }

    @Override
    public void removeFromGroup(String userId, String groupId) {
        identity.deleteMembership(userId, groupId);
    }

    @Override
    public Optional<Person> person(String userId) {
        return Optional.ofNullable(identity.createUserQuery().userId(userId).singleResult()).map(CamundaIdentities::person);
    }

    @Override
    public List<Person> membersOf(String groupId) {
        return identity.createUserQuery().memberOfGroup(groupId).orderByUserId().asc().list().stream()
                .map(CamundaIdentities::person).toList();
    }

    private static Person person(User user) {
        return new Person(user.getId(), user.getFirstName(), user.getLastName(), user.getEmail());
    }

    @Override
    public void addToGroup(String userId, String groupId, String groupName) {
        if (identity.createGroupQuery().groupId(groupId).count() == 0) {
            Group group = identity.newGroup(groupId);
            group.setName(groupName);
            group.setType(OrgRoles.SUPPORT.equals(groupId) ? "SYSTEM" : "WORKFLOW");
            identity.saveGroup(group);
            grantTasklistAccess(groupId);
        }
        if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identity.createMembership(userId, groupId);
        }
    }

    private void grantTasklistAccess(String groupId) {
        grant(groupId, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(groupId, Resources.PROCESS_DEFINITION, CamundaImportWorkflow.PROCESS, Permissions.READ);
        grant(groupId, Resources.PROCESS_DEFINITION, CamundaChainWorkflow.PROCESS, Permissions.READ);
        if (OrgRoles.SUPPORT.equals(groupId)) {
            grant(groupId, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            grant(groupId, Resources.TASK, Authorization.ANY, Permissions.ALL);
            grant(groupId, Resources.PROCESS_DEFINITION, Authorization.ANY, Permissions.ALL);
            grant(groupId, Resources.PROCESS_INSTANCE, Authorization.ANY, Permissions.ALL);
        }
    }

    private void grant(String groupId, Resources resource, String resourceId, Permissions permission) {
        Authorization authorization = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        authorization.addPermission(permission);
        authorizations.saveAuthorization(authorization);
    }
}

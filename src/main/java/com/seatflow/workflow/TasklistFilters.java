package com.seatflow.workflow;

import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

/** One Tasklist filter everyone can use: the tasks of the groups the signed-in user belongs to. */
@Component
class TasklistFilters implements InitializingBean {

    static final String NAME = "My group tasks";

    private final FilterService filters;
    private final TaskService tasks;
    private final AuthorizationService authorizations;

    TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations) {
        this.filters = filters;
        this.tasks = tasks;
        this.authorizations = authorizations;
    }

    @Override
    public void afterPropertiesSet() {
        if (filters.createFilterQuery().filterName(NAME).count() > 0) {
            return;
        }
        Filter filter = filters.newTaskFilter(NAME)
                .setQuery(tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                        .includeAssignedTasks())
                .setProperties(Map.of("description", "Tasks waiting for one of my groups", "priority", -10,
                        "refresh", true));
        filters.saveFilter(filter);
        Authorization everyone = authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GLOBAL);
        everyone.setUserId(Authorization.ANY);
        everyone.setResource(Resources.FILTER);
        everyone.setResourceId(filter.getId());
        everyone.addPermission(Permissions.READ);
        authorizations.saveAuthorization(everyone);
    }
}

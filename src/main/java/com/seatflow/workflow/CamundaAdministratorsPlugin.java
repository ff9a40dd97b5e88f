package com.seatflow.workflow;

import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.plugin.AdministratorAuthorizationPlugin;
import org.springframework.stereotype.Component;

/**
 * Gives the {@code camunda-admin} group (support) every permission on every resource, at each start, as Camunda's own
 * first-user setup would: an engine administrator still passes authorization checks on queries, so without these
 * grants Cockpit showed support no deployments. Existing installations get the grants on their next start.
 */
@Component
class CamundaAdministratorsPlugin extends AdministratorAuthorizationPlugin {

    CamundaAdministratorsPlugin() {
        setAdministratorGroupName(Groups.CAMUNDA_ADMIN);
    }
}

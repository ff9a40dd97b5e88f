package com.seatflow.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import com.seatflow.licensing.LicensingManagement;
import com.seatflow.organisation.GroupManagement;
import com.seatflow.organisation.Identities;
import com.seatflow.organisation.LearnerGroup;
import com.seatflow.organisation.OrgRoles;
import com.seatflow.organisation.Organisation;
import com.seatflow.organisation.OrganisationManagement;

/** Loads the demo data once (it is skipped when organisation {@code acme} exists). */
@Component
@ConditionalOnProperty(name = "seatflow.demo.enabled", havingValue = "true")
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final OrganisationManagement organisations;
    private final LicensingManagement licensing;
    private final Identities identities;
    private final GroupManagement groups;
    private final Clock clock;

    DemoData(OrganisationManagement organisations, LicensingManagement licensing, Identities identities,
            GroupManagement groups, Clock clock) {
        this.organisations = organisations;
        this.licensing = licensing;
        this.identities = identities;
        this.groups = groups;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Transactional
    public void load() {
        if (organisations.findByCode("acme").isPresent()) {
            return;
        }
        Organisation acme = organisations.create("acme", "Acme Learning Ltd");
        Organisation globex = organisations.create("globex", "Globex Corporation");
        var dataScience = licensing.createProduct("DATA-SCI", "Data Science Microcredential", "PROGRAMME");
        var run1 = licensing.createRun(dataScience.id(), "DS-2027-01");
        licensing.createRun(dataScience.id(), "DS-2027-02");
        var safety = licensing.createProduct("SAFETY-101", "Workplace Safety Module", "MODULE");
        Instant inAYear = Instant.now(clock).plus(Duration.ofDays(365));
        licensing.purchase(acme.id(), null, dataScience.id(), null, 100, inAYear, "demo", "DEMO-ORDER-1");
        licensing.purchase(acme.id(), null, dataScience.id(), run1.id(), 5, inAYear, "demo", "DEMO-ORDER-2");
        LearnerGroup sales = organisations.createGroup(acme.id(), "sales", "Sales team");
        licensing.purchase(acme.id(), sales.id(), safety.id(), null, 20, inAYear, "demo", "DEMO-ORDER-3");
        licensing.purchase(globex.id(), null, dataScience.id(), null, 10, inAYear, "demo", "DEMO-ORDER-4");

        identities.createUser("support", "Sam", "Support", "support@seatflow.example", "support-demo-pass");
        identities.addToGroup("support", OrgRoles.SUPPORT, "Provider support");
        identities.addToGroup("support", "camunda-admin", "Camunda administrators");
        identities.createUser("acme-admin", "Ada", "Admin", "ada@acme.example", "acme-demo-pass");
        identities.addToGroup("acme-admin", OrgRoles.adminGroup("acme"), "Acme Learning Ltd administrators");
        identities.addToGroup("acme-admin", OrgRoles.learningManagers("acme"), "Acme Learning Ltd learning managers");
        identities.createUser("globex-admin", "Gus", "Admin", "gus@globex.example", "globex-demo-pass");
        identities.addToGroup("globex-admin", OrgRoles.adminGroup("globex"), "Globex Corporation administrators");
        identities.addToGroup("globex-admin", OrgRoles.learningManagers("globex"), "Globex Corporation learning managers");
        identities.createUser("sales-lead", "Sally", "Lead", "sally@acme.example", "sales-demo-pass");
        groups.grantAdmin(sales.id(), "sales-lead", "demo");
        log.info("Demo data loaded: organisations acme and globex, users support, acme-admin, globex-admin and"
                + " sales-lead");
    }
}

/** Organisations and the identity of the people who administer them (one identity with the Camunda Tasklist). */
package com.seatflow.organisation;

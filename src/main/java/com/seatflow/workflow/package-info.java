/**
 * Camunda glue: deploys the BPMN in {@code bpmn/}, implements the processes' delegates, and provides the identity
 * store (users, groups, bcrypt passwords) shared by the Tasklist and the REST API.
 */
package com.seatflow.workflow;

/** An organisation's team of administrators: invitations to join it (a Camunda process), the team list, own profile. */
package com.seatflow.team;

/** The REST API of invitations. */
package com.seatflow.invitation.web;

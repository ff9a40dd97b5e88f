/** The REST API of the team of administrators and of the signed-in user's own profile. */
package com.seatflow.team.web;

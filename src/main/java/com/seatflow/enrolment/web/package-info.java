/** The REST API the learning platform reports progress events to. */
package com.seatflow.enrolment.web;

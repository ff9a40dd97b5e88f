/** Learner groups: their administrators, members and modules, enrolment keys, and member removal with refunds. */
package com.seatflow.group;

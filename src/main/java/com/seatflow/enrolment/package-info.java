/** Learners' enrolments on products, the progress the learning platform reports, and progress reports per group. */
package com.seatflow.enrolment;

/** The REST API of organisations: their groups and group administrators, and their learners. */
package com.seatflow.organisation.web;

/** The REST API of an organisation's own data: its learners. */
package com.seatflow.organisation.web;

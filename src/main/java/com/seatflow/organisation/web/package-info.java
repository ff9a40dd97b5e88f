/** The REST API of organisations and their groups. */
package com.seatflow.organisation.web;

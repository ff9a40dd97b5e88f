/** The REST API of programmes: the catalogue (support), permissions, invitations per run. */
package com.seatflow.programme.web;
